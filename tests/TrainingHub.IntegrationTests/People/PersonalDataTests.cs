using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Data;
using TrainingHub.Core.People;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.IntegrationTests.Reports;

namespace TrainingHub.IntegrationTests.People;

/// <summary>LGPD: a person's own hour transcript as a PDF; anonymisation after retention keeps every total.</summary>
public sealed partial class PersonalDataTests(string provider) : OnBothDatabases(provider)
{
    private const string Period = "from=2017-01-01&to=2026-12-31"; // reports cover at most ten years; some data here is moved seven years back

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private async Task<(AttendanceClass Class, Dictionary<int, string> Names)> ClassWithAttendanceAsync()
    {
        var c = await AttendanceKit.ClassAsync(App, people: 3, sessions: 2, minutes: 90);
        var names = await App.WithDbAsync(async db =>
        {
            var people = await db.People.Where(p => c.People.Contains(p.Id)).ToListAsync();
            foreach (var p in people)
            {
                p.FullName = "Titular Única " + Guid.NewGuid().ToString("N")[..10];
            }

            foreach (var p in c.People)
            {
                foreach (var s in c.SessionIds)
                {
                    db.AttendanceRecords.Add(new AttendanceRecord { SessionId = s, PersonId = p, Status = AttendanceStatus.Present, RecordedAt = App.Clock.GetUtcNow().UtcDateTime });
                }
            }

            await db.SaveChangesAsync();
            return people.ToDictionary(p => p.Id, p => p.FullName);
        });
        return (c, names);
    }

    [Test]
    public async Task A_person_downloads_their_own_hour_transcript_as_a_PDF_with_their_credited_hours_and_nobody_else()
    {
        var (c, names) = await ClassWithAttendanceAsync();
        var me = c.People[0];
        var (email, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, me);
        var credited = await App.WithDbAsync(db => CreditedAttendance.Query(db).Where(x => x.PersonId == me).SumAsync(x => x.CreditedMinutes));
        credited.ShouldBe(180);
        using var api = await App.ApiClientAsync(email);

        // All years, and a year; a personId in the query is not a parameter of this endpoint: always the caller.
        var year = TrainingHub.Core.Common.SaoPaulo.Today(App.Clock).Year;
        foreach (var url in new[] { $"/api/v1/me/transcript?personId={c.People[1]}", $"/api/v1/me/transcript?year={year}" })
        {
            var response = await api.PostAsync(new Uri(url, UriKind.Relative), null);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            var text = Spaces().Replace(ReportFiles.PdfText(await response.Content.ReadAsByteArrayAsync()), " ");
            text.ShouldContain(names[me]);
            text.ShouldContain(CertificateRenderer.HoursShort(credited));
            text.ShouldContain(CertificateRenderer.Hours(credited, en: false));
            foreach (var other in c.People.Skip(1))
            {
                text.ShouldNotContain(names[other]);
            }
        }

        // A year outside the allowed range is refused, naming the field.
        var refused = await api.PostAsync(new Uri("/api/v1/me/transcript?year=1990", UriKind.Relative), null);
        ((int)refused.StatusCode).ShouldBeGreaterThanOrEqualTo(400);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("year", Case.Insensitive);
    }

    [Test]
    public async Task An_administrator_anonymises_a_person_only_after_retention_and_every_total_stays()
    {
        var (c, names) = await ClassWithAttendanceAsync();
        var target = c.People[0];
        var (targetEmail, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, target);
        var oldName = names[target];
        var old = await App.WithDbAsync(db => db.People.Where(p => p.Id == target).Select(p => new { p.Cpf, p.Email }).SingleAsync());
        await using (var scope = App.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
            var root = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
            (await IssueTranscript.HandleAsync(db, root, App.Clock, new IssueSettings { PublicUrl = "https://traininghub.test" }, target, new DateOnly(2000, 1, 1), new DateOnly(2009, 12, 31), CancellationToken.None))
                .Succeeded.ShouldBeTrue();
        }

        using var api = await App.ApiClientAsync(TestApp.AdminEmail);

        // Under retention: refused, naming the date until which the records are retained.
        var until = TrainingHub.Core.Common.SaoPaulo.Today(App.Clock).AddYears(5).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var refused = await api.PostAsync(new Uri($"/api/v1/people/{target}/anonymize", UriKind.Relative), null);
        refused.IsSuccessStatusCode.ShouldBeFalse();
        (await refused.Content.ReadAsStringAsync()).ShouldContain(until);
        (await App.WithDbAsync(db => db.People.Where(p => p.Id == target).Select(p => p.FullName).SingleAsync())).ShouldBe(oldName);

        // Seven years ago: the class, the enrolment, the registration and the transcript.
        await App.WithDbAsync(async db =>
        {
            foreach (var s in await db.Sessions.Where(s => s.OfferingId == c.OfferingId).ToListAsync())
            {
                (s.StartsAt, s.EndsAt) = (s.StartsAt.AddYears(-7), s.EndsAt.AddYears(-7));
            }

            foreach (var e in await db.Enrolments.Where(e => e.PersonId == target).ToListAsync())
            {
                (e.RequestedAt, e.ConfirmedAt) = (e.RequestedAt.AddYears(-7), e.ConfirmedAt?.AddYears(-7));
            }

            foreach (var cert in await db.Certificates.Where(x => x.PersonId == target).ToListAsync())
            {
                cert.IssuedAt = cert.IssuedAt.AddYears(-7);
            }

            var person = await db.People.SingleAsync(p => p.Id == target);
            person.CreatedAt = person.CreatedAt.AddYears(-7);
            return await db.SaveChangesAsync();
        });
        var status = await api.GetFromJsonAsync<JsonElement>($"/api/v1/people/{target}/retention");
        status.GetProperty("canAnonymize").GetBoolean().ShouldBeTrue();

        var before = await TotalsAsync(api);
        var personsMinutes = await App.WithDbAsync(db => CreditedAttendance.Query(db).Where(x => x.PersonId == target).SumAsync(x => x.CreditedMinutes));
        var lastId = await App.WithDbAsync(db => db.AuditEntries.MaxAsync(e => e.Id));

        // A message to the person, rendered when queued: its rendering goes with the anonymisation, as its payload does.
        var messageKey = "it-anonymize:" + Guid.NewGuid();
        await App.WithDbAsync(db =>
        {
            TrainingHub.Core.Notifications.Outbox.Add(db, target, old.Email, "pt-BR", messageKey, new TrainingHub.Core.Certificates.Messages.CertificateIssued(oldName, "Turma", "T-1", 480,
                new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 20), "ABCD-EFGH", "https://traininghub.test/verify/ABCD-EFGH", false), App.Clock.GetUtcNow().UtcDateTime);
            return db.SaveChangesAsync();
        });
        (await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey == messageKey).Select(m => m.RenderedJson).SingleAsync())).ShouldNotBeNull();

        var done = await api.PostAsync(new Uri($"/api/v1/people/{target}/anonymize", UriKind.Relative), null);
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await api.PostAsync(new Uri($"/api/v1/people/{target}/anonymise", UriKind.Relative), null);
        again.IsSuccessStatusCode.ShouldBeFalse();

        // Personal fields gone; account locked and renamed; certificate snapshots without the name.
        var person = await App.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == target));
        person.FullName.ShouldBe(AnonymizePerson.NameFor(target));
        person.Cpf.ShouldBe(AnonymizePerson.CpfFor(target));
        person.Email.ShouldBe(AnonymizePerson.EmailFor(target));
        person.AnonymizedAt.ShouldNotBeNull();
        (await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == targetEmail || u.PersonId == target && u.PasswordHash != null))).ShouldBeFalse();
        var snapshots = await App.WithDbAsync(db => db.Certificates.Where(x => x.PersonId == target).Select(x => x.SnapshotJson).ToListAsync());
        snapshots.ShouldNotBeEmpty();
        snapshots.ShouldAllBe(s => !s.Contains(oldName) && s.Contains(AnonymizePerson.NameFor(target)));
        (await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey == messageKey).Select(m => m.RenderedJson).SingleAsync())).ShouldBeNull();

        // The stored PDFs are drawn again from the rewritten snapshots.
        var documents = await App.WithDbAsync(db => db.Certificates.Where(x => x.PersonId == target).Select(x => new { x.SnapshotJson, x.Document!.Content }).ToListAsync());
        documents.Count.ShouldBe(snapshots.Count);
        foreach (var d in documents)
        {
            d.Content.ShouldBe(CertificateRenderer.Render(CertificateSnapshot.FromJson(d.SnapshotJson)));
        }

        // Every total unchanged, and the person's minutes still credited.
        (await TotalsAsync(api)).ShouldBe(before);
        (await App.WithDbAsync(db => CreditedAttendance.Query(db).Where(x => x.PersonId == target).SumAsync(x => x.CreditedMinutes))).ShouldBe(personsMinutes);

        // Audited, without repeating what was removed.
        var written = await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Id > lastId).ToListAsync());
        written.ShouldContain(e => e.EntityType == nameof(Person) && e.EntityId == target.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var e in written)
        {
            foreach (var json in new[] { e.BeforeJson ?? "", e.AfterJson ?? "" })
            {
                json.ShouldNotContain(old.Cpf);
                json.ShouldNotContain(oldName);
                json.ShouldNotContain(old.Email);
                json.ShouldNotContain(targetEmail);
            }
        }

        // The old name is no longer found in people search nor in the reports.
        var search = await api.GetFromJsonAsync<JsonElement>($"/api/v1/people?search={Uri.EscapeDataString(oldName)}");
        search.GetProperty("totalCount").GetInt32().ShouldBe(0);
        var csv = System.Text.Encoding.UTF8.GetString(await api.GetByteArrayAsync(new Uri($"/api/v1/reports/HoursByPerson/export.csv?{Period}", UriKind.Relative)));
        csv.ShouldNotContain(oldName);
        csv.ShouldContain(AnonymizePerson.NameFor(target));

        // Found under the placeholder, its CPF shown masked even to those who see full CPFs, also in full-CPF exports.
        var found = await api.GetFromJsonAsync<JsonElement>($"/api/v1/people?search={Uri.EscapeDataString(AnonymizePerson.NameFor(target))}");
        found.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == target).GetProperty("cpf").GetString().ShouldBe("***.***.***-**");
        var full = System.Text.Encoding.UTF8.GetString(await (await api.PostAsync(new Uri($"/api/v1/reports/HoursByPerson/export-full-cpf.csv?{Period}", UriKind.Relative), null)).Content.ReadAsByteArrayAsync());
        full.ShouldContain(AnonymizePerson.NameFor(target));
        full.ShouldNotContain(old.Cpf[3..9]);
    }

    [Test]
    public async Task The_screens_offer_the_transcript_to_the_person_and_the_anonymisation_to_an_administrator_only_after_retention()
    {
        var (c, names) = await ClassWithAttendanceAsync();
        var (email, me) = await AttendanceKit.AccountAsync(App, Roles.Trainee, c.People[0]);
        using (var browser = NewBrowser())
        {
            await browser.SignInAsync(email, AttendanceKit.Password);
            var pdf = await browser.SubmitAsync("/account/privacy", "/account/my-data/transcript", new Dictionary<string, string?> { ["year"] = "" });
            pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
            pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            Spaces().Replace(ReportFiles.PdfText(await pdf.Content.ReadAsByteArrayAsync()), " ").ShouldContain(names[me]);
        }

        var someone = (await Arrange.PeopleAsync(App, 1))[0];
        using var admin = NewBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (status, page) = await admin.GetPageAsync($"/people/{someone}/privacy");
        status.ShouldBe(HttpStatusCode.OK);
        var until = TrainingHub.Core.Common.SaoPaulo.Today(App.Clock).AddYears(5).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        page.QuerySelector("[data-testid=retention-status]")!.TextContent.ShouldContain(until);
        page.QuerySelector("[data-testid=anonymize]").ShouldBeNull();

        await App.WithDbAsync(db => db.People.Where(p => p.Id == someone).ExecuteUpdateAsync(u => u.SetProperty(p => p.CreatedAt, new DateTime(2015, 3, 1, 12, 0, 0, DateTimeKind.Utc))));
        (_, page) = await admin.GetPageAsync($"/people/{someone}/privacy");
        page.QuerySelector("[data-testid=anonymize]").ShouldNotBeNull();
        var action = $"/people/{someone}/anonymize";
        (await admin.SubmitAsync($"/people/{someone}/privacy", action, new Dictionary<string, string?>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.People.Where(p => p.Id == someone).Select(p => p.AnonymizedAt).SingleAsync())).ShouldBeNull();
        (await admin.SubmitAsync($"/people/{someone}/privacy", action, new Dictionary<string, string?> { ["confirm"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (_, page) = await admin.GetPageAsync($"/people/{someone}/privacy");
        page.QuerySelector("h1")!.TextContent.ShouldContain(AnonymizePerson.NameFor(someone));
        page.QuerySelector("[data-testid=anonymize]").ShouldBeNull();

        // Without the antiforgery token the post is refused.
        (await admin.PostAsync(action, new Dictionary<string, string?> { ["confirm"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static async Task<string> TotalsAsync(HttpClient api)
    {
        var parts = new List<string>();
        foreach (var kind in new[] { "HoursByPerson", "HoursByOrganization", "HoursByYear" })
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{kind}?{Period}&pageSize=1");
            parts.Add(kind + ":" + page.GetProperty("totalCount").GetInt32() + ":" + page.GetProperty("totals").GetRawText());
        }

        return string.Join('|', parts);
    }
}
