using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Common;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.People;

/// <summary>LGPD: a person downloads everything held about them and nothing about anyone else.</summary>
public sealed class MyDataTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task A_trainee_downloads_their_own_records_and_none_of_their_classmates()
    {
        var c = await AttendanceKit.ClassAsync(App, people: 3, sessions: 2);
        await App.WithDbAsync(db =>
        {
            foreach (var p in c.People)
            {
                db.AttendanceRecords.Add(new AttendanceRecord { SessionId = c.SessionIds[0], PersonId = p, Status = AttendanceStatus.Present, RecordedAt = App.Clock.GetUtcNow().UtcDateTime });
            }

            return db.SaveChangesAsync();
        });
        var (email, me) = await AttendanceKit.AccountAsync(App, Roles.Trainee, c.People[0]);
        var cpfs = await App.WithDbAsync(db => db.People.Where(p => c.People.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Cpf));
        using var api = await App.ApiClientAsync(email);
        var response = await api.GetAsync(new Uri("/api/v1/me/data", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        root.GetProperty("person").GetProperty("id").GetInt32().ShouldBe(me);
        root.GetProperty("person").GetProperty("cpf").GetString().ShouldBe(cpfs[me]);
        root.GetProperty("enrolments").GetArrayLength().ShouldBe(1);
        root.GetProperty("attendance").GetArrayLength().ShouldBe(1);
        root.GetProperty("creditedMinutes").GetInt32().ShouldBe(120);
        root.GetProperty("auditEntries").EnumerateArray().Select(e => e.GetProperty("entityType").GetString()).ShouldContain(nameof(AttendanceRecord));
        foreach (var other in c.People.Skip(1))
        {
            text.ShouldNotContain(cpfs[other]);
            text.ShouldNotContain(Cpf.Format(cpfs[other]));
            root.GetProperty("auditEntries").EnumerateArray().ShouldAllBe(e => e.GetProperty("entityType").GetString() != "Person" || e.GetProperty("entityId").GetString() == me.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
