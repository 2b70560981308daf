using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Enrolment;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Attendance;

/// <summary>A session of a test's own happening now (class or webinar series), seated trainees with accounts, and an instructor.</summary>
internal sealed record CheckInSession(int OfferingId, int SessionId, IReadOnlyList<int> People, IReadOnlyList<string> Emails, string InstructorEmail);

internal static class CheckInKit
{
    /// <param name="startedMinutesAgo">How long ago the session started (negative: starts later).</param>
    public static async Task<CheckInSession> SessionAsync(TestApp app, int people, int startedMinutesAgo = 5, int minutes = 120, bool webinar = false, string[]? languages = null)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var start = now.AddMinutes(-startedMinutesAgo);
        int offeringId;
        if (webinar)
        {
            offeringId = await app.WithDbAsync(async db =>
            {
                var code = "W-" + Guid.NewGuid().ToString("N")[..10];
                var series = new WebinarSeries
                {
                    Code = code,
                    Title = "Webinários de teste " + code,
                    StartsOn = DateOnly.FromDateTime(now),
                    EndsOn = DateOnly.FromDateTime(now).AddMonths(3),
                    Status = OfferingStatus.Published,
                    CreatedAt = now,
                    ChannelUrl = "https://video.example.gov.br/canal",
                };
                series.Sessions.Add(new Session { Title = "Webinário de hoje", StartsAt = start, EndsAt = start.AddMinutes(minutes), CreditedMinutes = minutes });
                db.Offerings.Add(series);
                await db.SaveChangesAsync();
                return series.Id;
            });
        }
        else
        {
            offeringId = await Arrange.ClassAsync(app, seats: null, o =>
            {
                o.Sessions.Clear();
                o.Sessions.Add(new Session { Title = "Encontro ao vivo", StartsAt = start, EndsAt = start.AddMinutes(minutes), CreditedMinutes = minutes });
            });
        }

        var personIds = await Arrange.PeopleAsync(app, people);
        var (instructor, instructorId) = await AttendanceKit.AccountAsync(app, Roles.Instructor);
        var emails = new List<string>();
        for (var i = 0; i < personIds.Count; i++)
        {
            var lang = languages is { } l && i < l.Length ? l[i] : "pt-BR";
            await app.WithDbAsync(db => db.People.Where(p => p.Id == personIds[i]).ExecuteUpdateAsync(s => s.SetProperty(p => p.PreferredLanguage, lang)));
            emails.Add((await AttendanceKit.AccountAsync(app, Roles.Trainee, personIds[i])).Email);
        }

        var sessionId = await app.WithDbAsync(async db =>
        {
            db.OfferingInstructors.Add(new OfferingInstructor { OfferingId = offeringId, PersonId = instructorId });
            db.Enrolments.AddRange(personIds.Select(p => new TrainingHub.Core.Enrolment.Enrolment
            {
                OfferingId = offeringId,
                PersonId = p,
                Status = EnrolmentStatus.Confirmed,
                RequestedAt = now.AddDays(-7),
                ConfirmedAt = now.AddDays(-7),
            }));
            await db.SaveChangesAsync();
            await db.Offerings.Where(o => o.Id == offeringId).ExecuteUpdateAsync(s => s.SetProperty(o => o.ConfirmedCount, personIds.Count));
            return await db.Sessions.Where(s => s.OfferingId == offeringId).Select(s => s.Id).SingleAsync();
        });
        return new CheckInSession(offeringId, sessionId, personIds, emails, instructor);
    }

    public static async Task<JsonElement> OpenAsync(HttpClient instructor, int sessionId, string kind = "Arrival", int minutes = 60)
    {
        var r = await instructor.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/checkin/open", new { kind, minutes });
        r.EnsureSuccessStatusCode();
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<string> CodeAsync(HttpClient instructor, int sessionId)
    {
        var screen = await instructor.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{sessionId}/checkin");
        return screen.GetProperty("open").GetProperty("code").GetString()!;
    }

    public static Task<HttpResponseMessage> CheckInAsync(HttpClient trainee, string code, int? sessionId) =>
        trainee.PostAsJsonAsync("/api/v1/checkin", new { code, sessionId });
}
