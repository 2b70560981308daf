using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Imports;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Certificates;

/// <summary>
/// Participation certificates of series (webinars, meetings, events) by the series' rule: one per attended session, or
/// one for attending at least N of M sessions; issued exactly once, verified, revoked, reissued, in the series' ZIP and
/// in a focal point's ZIP of their organisation's people.
/// </summary>
public sealed class ParticipationCertificateTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task Each_attended_session_of_a_webinar_series_gets_its_own_certificate_once()
    {
        var people = await Arrange.PeopleAsync(App, 3);
        await App.WithDbAsync(db => db.People.Where(p => p.Id == people[1]).ExecuteUpdateAsync(u => u.SetProperty(p => p.PreferredLanguage, Languages.English)));
        var series = await SeriesAsync(SeriesKind.Webinar, ParticipationRule.EachSession, null, null, futureSession: true);
        // Person 0 attended the first two sessions, person 1 the first, person 2 was absent; the third session is still to come.
        await AttendAsync(series.Sessions[0], (people[0], AttendanceStatus.Present), (people[1], AttendanceStatus.Late), (people[2], AttendanceStatus.Absent));
        await AttendAsync(series.Sessions[1], (people[0], AttendanceStatus.Present));

        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var issued = await api.PostAsync($"/api/v1/offerings/{series.Id}/certificates/issue", null);
        issued.StatusCode.ShouldBe(HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("issued").GetInt32().ShouldBe(3);
        (await IssueAllAsync(series.Id)).Issued.ShouldBe(0, "a second run finds nothing left");

        var rows = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{series.Id}/participation-certificates")).GetProperty("rows").GetProperty("items").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("personId").GetInt32()).ShouldBe([people[0], people[0], people[1]], ignoreOrder: true);
        var first = rows.Single(r => r.GetProperty("personId").GetInt32() == people[0] && r.GetProperty("session").GetString() == "Webinar de abril");
        var english = rows.Single(r => r.GetProperty("personId").GetInt32() == people[1]);

        var day = SaoPaulo.FormatDate(series.Starts[0]);
        var text = CertificateKit.PdfText(await api.GetByteArrayAsync($"/api/v1/certificates/{first.GetProperty("certificateId").GetInt32()}/pdf"));
        text.ShouldContain("CERTIFICADO DE PARTICIPAÇÃO");
        text.ShouldContain($"participou do webinar “Webinar de abril” em {day}, com carga horária de 2 horas.");
        text.ShouldContain(first.GetProperty("code").GetString()!);
        CertificateKit.PdfText(await api.GetByteArrayAsync($"/api/v1/certificates/{english.GetProperty("certificateId").GetInt32()}/pdf"))
            .ShouldContain($"took part in the webinar “Webinar de abril” on {day}, with a workload of 2 hours.");

        var verified = await api.GetFromJsonAsync<JsonElement>("/api/v1/verify/" + first.GetProperty("code").GetString());
        verified.GetProperty("status").GetString().ShouldBe("Valid");
        verified.GetProperty("kind").GetString().ShouldBe("Participation");
        verified.GetProperty("course").GetString().ShouldBe("Webinar de abril");
        (await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType == "CertificateIssued" && m.RecipientPersonId == people[0]))).ShouldBe(2);

        // The database refuses a second valid certificate for the same person and session.
        await Should.ThrowAsync<DbUpdateException>(() => App.WithDbAsync(async db =>
        {
            db.Certificates.Add(new Certificate
            {
                Kind = CertificateKind.Participation,
                PersonId = people[1],
                OfferingId = series.Id,
                SessionId = series.Sessions[0],
                Status = CertificateStatus.Valid,
                VerificationCode = VerificationCodes.New(),
                SnapshotJson = "{}",
                Language = "pt-BR",
                IssuedAt = App.Clock.GetUtcNow().UtcDateTime,
            });
            return await db.SaveChangesAsync();
        }));

        // Revoked: never silently replaced. Reissued after a name correction: the old one superseded by the new one.
        var revoke = await api.PostAsJsonAsync($"/api/v1/certificates/{english.GetProperty("certificateId").GetInt32()}/revoke", new { reason = "Presença lançada por engano" });
        revoke.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await IssueAllAsync(series.Id)).Issued.ShouldBe(0);
        await App.WithDbAsync(db => db.People.Where(p => p.Id == people[0]).ExecuteUpdateAsync(u => u.SetProperty(p => p.FullName, "Joana Participante Corrigida")));
        var reissue = await api.PostAsJsonAsync($"/api/v1/certificates/{first.GetProperty("certificateId").GetInt32()}/reissue", new { reason = "Nome corrigido" });
        reissue.StatusCode.ShouldBe(HttpStatusCode.OK, await reissue.Content.ReadAsStringAsync());
        var fresh = await reissue.Content.ReadFromJsonAsync<JsonElement>();
        CertificateKit.PdfText(await api.GetByteArrayAsync($"/api/v1/certificates/{fresh.GetProperty("newId").GetInt32()}/pdf")).ShouldContain("Joana Participante Corrigida");
        (await api.GetFromJsonAsync<JsonElement>("/api/v1/verify/" + first.GetProperty("code").GetString())).GetProperty("status").GetString().ShouldBe("Superseded");

        // The series' ZIP holds the valid ones: person 0's two (one reissued); the revoked one is left out.
        using (var zip = new ZipArchive(new MemoryStream(await api.GetByteArrayAsync($"/api/v1/offerings/{series.Id}/certificates.zip"))))
        {
            zip.Entries.Count.ShouldBe(2);
        }

        // The transcript of the period counts the series' hours.
        var transcript = await App.WithDbAsync(db => IssueTranscript.HandleAsync(db, new ReaderScope("it", people[0], new HashSet<string> { Roles.Trainee }, null, null), App.Clock,
            App.Services.GetRequiredService<IssueSettings>(), people[0], DateOnly.FromDateTime(series.Starts[0]).AddDays(-1), DateOnly.FromDateTime(series.Starts[1]).AddDays(1), CancellationToken.None));
        transcript.Succeeded.ShouldBeTrue();
        var snapshot = await App.WithDbAsync(db => db.Certificates.Where(c => c.Id == transcript.Value!.Id).Select(c => c.SnapshotJson).SingleAsync());
        CertificateSnapshot.FromJson(snapshot).Lines.ShouldContain(l => l.Code == series.Code && l.CreditedMinutes == 240);
        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task A_meeting_series_certifies_those_who_attended_the_minimum_and_the_focal_point_downloads_their_people()
    {
        var (orgId, _, _) = await ImportKit.OrganizationAsync(App, OrganizationKind.CityHall);
        var people = await Arrange.PeopleAsync(App, 4, orgId);
        var series = await SeriesAsync(SeriesKind.Meeting, ParticipationRule.MinimumSessions, 2, 240, futureSession: false);
        await AttendAsync(series.Sessions[0], (people[0], AttendanceStatus.Present), (people[1], AttendanceStatus.Present), (people[2], AttendanceStatus.Present));
        await AttendAsync(series.Sessions[1], (people[0], AttendanceStatus.Present), (people[1], AttendanceStatus.Present));
        await AttendAsync(series.Sessions[2], (people[0], AttendanceStatus.Present), (people[1], AttendanceStatus.Absent));

        // The job issues them: people 0 (3 of 3) and 1 (2 of 3); person 2 attended only one.
        (await IssueAllAsync(null)).Issued.ShouldBeGreaterThanOrEqualTo(2);
        var certificates = await App.WithDbAsync(db => db.Certificates.Where(c => c.OfferingId == series.Id).Select(c => new { c.Id, c.PersonId, c.SessionId }).ToListAsync());
        certificates.Select(c => c.PersonId).ShouldBe([people[0], people[1]], ignoreOrder: true);
        certificates.ShouldAllBe(c => c.SessionId == null);
        (await IssueAllAsync(series.Id)).Issued.ShouldBe(0);

        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        var text = CertificateKit.PdfText(await admin.GetByteArrayAsync($"/api/v1/certificates/{certificates.Single(c => c.PersonId == people[1]).Id}/pdf"));
        text.ShouldContain($"participou de 2 das 3 reuniões de “{series.Title}”, realizadas de {SaoPaulo.FormatDate(series.Starts[0])} a {SaoPaulo.FormatDate(series.Starts[2])}, com carga horária de 4 horas.");

        // The organisation's focal point downloads both; a colleague who is not one is refused.
        await App.WithDbAsync(db => db.People.Where(p => p.Id == people[3]).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsFocalPoint, true)));
        var (focalEmail, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, people[3]);
        using (var focal = await App.ApiClientAsync(focalEmail))
        {
            var response = await focal.GetAsync("/api/v1/certificates/organization.zip");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            zip.Entries.Count.ShouldBe(2);
            foreach (var entry in zip.Entries)
            {
                await using var s = entry.Open();
                using var pdf = new MemoryStream();
                await s.CopyToAsync(pdf);
                CertificateKit.PdfText(pdf.ToArray()).ShouldContain("das 3 reuniões");
            }
        }

        var (otherEmail, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, people[2]);
        using var other = await App.ApiClientAsync(otherEmail);
        (await other.GetAsync("/api/v1/certificates/organization.zip")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // A series without a rule refuses "issue now".
        var none = await SeriesAsync(SeriesKind.Event, ParticipationRule.None, null, null, futureSession: false);
        (await admin.PostAsync($"/api/v1/offerings/{none.Id}/certificates/issue", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private sealed record Series(int Id, string Code, string Title, IReadOnlyList<int> Sessions, IReadOnlyList<DateTime> Starts);

    /// <summary>A published series with three sessions of two hours, a month apart, ended (or the last one still to come).</summary>
    private async Task<Series> SeriesAsync(SeriesKind kind, ParticipationRule rule, int? minimum, int? minutes, bool futureSession)
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var first = new DateTime(now.Year, now.Month, now.Day, 13, 0, 0, DateTimeKind.Utc).AddDays(-70);
        DateTime[] starts = [first, first.AddDays(30), futureSession ? now.AddDays(10) : first.AddDays(60)];
        return await App.WithDbAsync(async db =>
        {
            var code = "PC-" + Guid.NewGuid().ToString("N")[..10];
            var series = new WebinarSeries
            {
                Code = code,
                Title = "Reuniões de acompanhamento " + code,
                StartsOn = DateOnly.FromDateTime(first).AddDays(-1),
                EndsOn = DateOnly.FromDateTime(starts[2]).AddDays(futureSession ? 1 : 0),
                Status = OfferingStatus.Published,
                CreatedAt = now,
                SeriesKind = kind,
                ParticipationRule = rule,
                ParticipationMinimum = minimum,
                ParticipationMinutes = minutes,
            };
            string[] titles = ["Webinar de abril", "Webinar de maio", "Webinar de junho"];
            for (var i = 0; i < 3; i++)
            {
                series.Sessions.Add(new Session { Title = titles[i], StartsAt = starts[i], EndsAt = starts[i].AddHours(2), CreditedMinutes = 120 });
            }

            db.Offerings.Add(series);
            await db.SaveChangesAsync();
            return new Series(series.Id, code, series.Title, series.Sessions.OrderBy(s => s.StartsAt).Select(s => s.Id).ToList(), starts);
        });
    }

    private Task AttendAsync(int sessionId, params (int PersonId, AttendanceStatus Status)[] rows) => App.WithDbAsync(db =>
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        db.AttendanceRecords.AddRange(rows.Select(r => new AttendanceRecord { PersonId = r.PersonId, SessionId = sessionId, Status = r.Status, RecordedAt = now }));
        return db.SaveChangesAsync();
    });

    private async Task<IssueOutcome> IssueAllAsync(int? offeringId)
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        return await IssueParticipationCertificates.HandleAsync(db, App.Clock, App.Services.GetRequiredService<IssueSettings>(), offeringId, CancellationToken.None);
    }
}
