using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Data;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Certificates;

public sealed class CertificateTests(string provider) : OnBothDatabases(provider)
{
    private static readonly string[] Programmes = ["REDE-ESTRATEGIA", "MUNICIPALISMO-ATIVO", "INTERCAMBIO-INOVACAO", "SEI-MUNICIPIOS", "IMESC-GPPM"];

    [Test]
    public async Task For_each_seed_programme_a_certificate_is_issued_downloaded_verified_reissued_and_revoked()
    {
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        foreach (var programme in Programmes)
        {
            var c = await CertificateKit.CompletedClassAsync(App, 1, programme, personName: "Conceição Araújo Lins");
            var settings = await api.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{await ProgrammeIdAsync(programme)}/certificate-settings");
            settings.GetProperty("saved").GetBoolean().ShouldBeTrue(programme);
            var issuer = settings.GetProperty("input").GetProperty("issuer").GetString()!;

            var issued = await api.PostAsync($"/api/v1/offerings/{c.OfferingId}/certificates/issue", null);
            issued.StatusCode.ShouldBe(HttpStatusCode.OK, programme);
            (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("issued").GetInt32().ShouldBe(1, programme);
            var row = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{c.OfferingId}/certificates")).GetProperty("rows").GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
            var id = row.GetProperty("certificateId").GetInt32();
            var code = row.GetProperty("code").GetString()!;

            var pdf = await api.GetByteArrayAsync($"/api/v1/certificates/{id}/pdf");
            var text = CertificateKit.PdfText(pdf, 1);
            text.ShouldContain("Conceição Araújo Lins", Case.Sensitive, programme);
            text.ShouldContain(issuer, Case.Sensitive, programme);
            text.ShouldContain("carga horária de 3 horas", Case.Sensitive, programme);
            text.ShouldContain(code, Case.Sensitive, programme);

            var valid = await VerifyAsync(api, code);
            valid.GetProperty("status").GetString().ShouldBe("Valid", programme);
            valid.GetProperty("issuer").GetString().ShouldBe(issuer);
            valid.GetProperty("holderName").GetString().ShouldBe("Conceição Araújo Lins");
            valid.GetProperty("course").GetString().ShouldBe(c.CourseTitle);
            if (programme == "SEI-MUNICIPIOS")
            {
                valid.GetProperty("validUntil").ValueKind.ShouldBe(JsonValueKind.String, "the demo gives this programme a two-year validity");
            }

            // A corrected name, then reissue: the old one is superseded by the new one.
            await App.WithDbAsync(db => db.People.Where(p => p.Id == c.People[0]).ExecuteUpdateAsync(u => u.SetProperty(p => p.FullName, "Conceição Araújo Lins Neto")));
            var reissue = await api.PostAsJsonAsync($"/api/v1/certificates/{id}/reissue", new { reason = "Nome corrigido a pedido da servidora" });
            reissue.StatusCode.ShouldBe(HttpStatusCode.OK, await reissue.Content.ReadAsStringAsync());
            var fresh = await reissue.Content.ReadFromJsonAsync<JsonElement>();
            var newId = fresh.GetProperty("newId").GetInt32();
            var newCode = fresh.GetProperty("newCode").GetString()!;
            var old = await VerifyAsync(api, code);
            old.GetProperty("status").GetString().ShouldBe("Superseded");
            old.GetProperty("supersededByCode").GetString().ShouldBe(newCode);
            CertificateKit.PdfText(await api.GetByteArrayAsync($"/api/v1/certificates/{newId}/pdf"), 1).ShouldContain("Conceição Araújo Lins Neto");
            CertificateKit.PdfText(await api.GetByteArrayAsync($"/api/v1/certificates/{id}/pdf"), 1).ShouldNotContain("Lins Neto", Case.Sensitive, "the old certificate renders from its own snapshot");

            var revoke = await api.PostAsJsonAsync($"/api/v1/certificates/{newId}/revoke", new { reason = "Frequência lançada por engano" });
            revoke.StatusCode.ShouldBe(HttpStatusCode.NoContent);
            var revoked = await VerifyAsync(api, newCode);
            revoked.GetProperty("status").GetString().ShouldBe("Revoked");
            revoked.GetProperty("revocationReason").GetString().ShouldBe("Frequência lançada por engano");

            // The job never replaces a revoked certificate.
            (await IssueAllAsync(c.OfferingId)).Issued.ShouldBe(0);
        }

        var audit = await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Certificate" && a.Reason == "Frequência lançada por engano"));
        audit.ShouldBe(Programmes.Length);
    }

    [Test]
    public async Task The_public_page_shows_valid_revoked_and_superseded_without_sign_in()
    {
        var c = await CertificateKit.CompletedClassAsync(App, 2);
        await IssueAllAsync();
        var codes = await App.WithDbAsync(db => db.Certificates.Where(x => x.Enrolment!.OfferingId == c.OfferingId).OrderBy(x => x.Id).Select(x => new { x.Id, x.VerificationCode }).ToListAsync());
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        (await api.PostAsJsonAsync($"/api/v1/certificates/{codes[0].Id}/revoke", new { reason = "Emitido para a turma errada" })).EnsureSuccessStatusCode();
        var reissued = await (await api.PostAsJsonAsync($"/api/v1/certificates/{codes[1].Id}/reissue", new { reason = "Datas corrigidas" })).Content.ReadFromJsonAsync<JsonElement>();

        using var anonymous = NewBrowser();
        var (status, page) = await anonymous.GetPageAsync("/verify/" + codes[0].VerificationCode.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[data-testid=status]")!.GetAttribute("data-status").ShouldBe("Revoked");
        page.QuerySelector("[data-testid=reason]")!.TextContent.ShouldBe("Emitido para a turma errada");
        (_, page) = await anonymous.GetPageAsync("/verify?code=" + codes[1].VerificationCode);
        page.QuerySelector("[data-testid=status]")!.GetAttribute("data-status").ShouldBe("Superseded");
        page.QuerySelector("[data-testid=successor]")!.TextContent.ShouldBe(reissued.GetProperty("newCode").GetString());
        (_, page) = await anonymous.GetPageAsync("/verify/" + reissued.GetProperty("newCode").GetString());
        page.QuerySelector("[data-testid=status]")!.GetAttribute("data-status").ShouldBe("Valid");
        page.QuerySelector("[data-testid=holder]")!.TextContent.ShouldStartWith("Pessoa de Teste");
    }

    [Test]
    public async Task Unknown_and_malformed_codes_get_the_same_answer()
    {
        using var anonymous = App.CreateClient();
        var unknown = await anonymous.GetAsync("/api/v1/verify/" + VerificationCodes.New());
        var malformed = await anonymous.GetAsync("/api/v1/verify/not-a-code");
        var almost = await anonymous.GetAsync("/api/v1/verify/" + VerificationCodes.New()[..^1]);
        foreach (var r in new[] { unknown, malformed, almost })
        {
            r.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await r.Content.ReadAsStringAsync()).ShouldBe(await unknown.Content.ReadAsStringAsync());
        }

        var body = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("NotFound");
        body.GetProperty("holderName").ValueKind.ShouldBe(JsonValueKind.Null);

        using var browser = NewBrowser();
        var (s1, p1) = await browser.GetPageAsync("/verify/" + VerificationCodes.New());
        var (s2, p2) = await browser.GetPageAsync("/verify/%27%3B%20select");
        s1.ShouldBe(HttpStatusCode.NotFound);
        s2.ShouldBe(HttpStatusCode.NotFound);
        p1.QuerySelector("[data-testid=not-found]").ShouldNotBeNull();
        p2.QuerySelector("[data-testid=not-found]")!.TextContent.ShouldBe(p1.QuerySelector("[data-testid=not-found]")!.TextContent);
    }

    [Test]
    public async Task Lookups_from_one_address_are_refused_with_429_after_the_limit()
    {
        // The test host allows 100 lookups per address and minute (TestApp); 110 at once from one address.
        var ip = IPAddress.Parse($"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}");
        var statuses = await Task.WhenAll(Enumerable.Range(0, 110).Select(async _ => (await App.Server.SendAsync(ctx =>
        {
            ctx.Request.Method = HttpMethods.Get;
            ctx.Request.Path = "/api/v1/verify/" + VerificationCodes.New();
            ctx.Connection.RemoteIpAddress = ip;
        })).Response.StatusCode));

        statuses.Count(s => s == StatusCodes.Status404NotFound).ShouldBe(100);
        statuses.Count(s => s == StatusCodes.Status429TooManyRequests).ShouldBe(10);
        var other = await App.Server.SendAsync(ctx =>
        {
            ctx.Request.Method = HttpMethods.Get;
            ctx.Request.Path = "/api/v1/verify/" + VerificationCodes.New();
            ctx.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.77");
        });
        other.Response.StatusCode.ShouldBe(StatusCodes.Status404NotFound, "another address has its own allowance");
    }

    [Test]
    public async Task Concurrent_runs_on_two_contexts_and_a_crashed_run_issue_each_certificate_exactly_once()
    {
        var c = await CertificateKit.CompletedClassAsync(App, 40);
        var settings = App.Services.GetRequiredService<IssueSettings>() with { BatchSize = 7 };

        // A run that crashes after writing a batch: its transaction never commits.
        await using (var scope = App.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            (await IssueCertificates.HandleAsync(db, App.Clock, settings, c.OfferingId, CancellationToken.None)).Issued.ShouldBe(40);
        }

        (await CountAsync(c.OfferingId)).ShouldBe(0);

        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var scope = App.Scope();
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
            return await IssueCertificates.HandleAsync(db, App.Clock, settings, c.OfferingId, CancellationToken.None);
        })).ToList();
        var outcomes = await Task.WhenAll(runs);

        outcomes.Sum(o => o.Issued).ShouldBe(40);
        (await CountAsync(c.OfferingId)).ShouldBe(40);
        var emails = await App.WithDbAsync(async db =>
        {
            var codes = await db.Certificates.Where(x => x.Enrolment!.OfferingId == c.OfferingId).Select(x => "CertificateIssued:" + x.VerificationCode).ToListAsync();
            return await db.OutboxMessages.CountAsync(m => codes.Contains(m.IdempotencyKey));
        });
        emails.ShouldBe(40);
        (await IssueAllAsync(c.OfferingId)).Issued.ShouldBe(0, "a retried run finds nothing left to issue");
    }

    [Test]
    public async Task A_trainee_downloads_their_own_certificate_and_transcript_and_nobody_elses()
    {
        var c = await CertificateKit.CompletedClassAsync(App, 2);
        await IssueAllAsync(c.OfferingId);
        var (email, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, c.People[0]);
        var (otherEmail, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, c.People[1]);
        using var mine = await App.ApiClientAsync(email);
        using var other = await App.ApiClientAsync(otherEmail);
        var list = await mine.GetFromJsonAsync<JsonElement>("/api/v1/certificates/mine");
        var item = list.EnumerateArray().ShouldHaveSingleItem();
        var id = item.GetProperty("id").GetInt32();
        (await mine.GetAsync($"/api/v1/certificates/{id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await other.GetAsync($"/api/v1/certificates/{id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var year = TrainingHub.Core.Common.SaoPaulo.Today(App.Clock).Year;
        var transcript = await (await mine.PostAsJsonAsync("/api/v1/transcripts", new { year })).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await mine.PostAsJsonAsync("/api/v1/transcripts", new { year })).Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("id").GetInt32().ShouldBe(transcript.GetProperty("id").GetInt32(), "unchanged hours: the same transcript");
        (await mine.PostAsJsonAsync("/api/v1/transcripts", new { year, personId = c.People[1] })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var text = CertificateKit.PdfText(await mine.GetByteArrayAsync($"/api/v1/certificates/{transcript.GetProperty("id").GetInt32()}/pdf"));
        text.ShouldContain("DECLARAÇÃO DE HORAS");
        text.ShouldContain($"cumpriu 3 horas de capacitação entre 01/01/{year} e 31/12/{year}");
        text.ShouldContain("Turma de teste");
        text.ShouldContain(transcript.GetProperty("code").GetString()!);
        var verified = await VerifyAsync(mine, transcript.GetProperty("code").GetString()!);
        verified.GetProperty("kind").GetString().ShouldBe("Transcript");
        verified.GetProperty("workloadMinutes").GetInt32().ShouldBe(180);

        // A later correction adds hours: asking again gives a new transcript that supersedes the first.
        await App.WithDbAsync(db => db.AttendanceRecords.Where(a => a.PersonId == c.People[0]).Take(1).ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, TrainingHub.Core.Attendance.AttendanceStatus.Absent)));
        var corrected = await (await mine.PostAsJsonAsync("/api/v1/transcripts", new { year })).Content.ReadFromJsonAsync<JsonElement>();
        corrected.GetProperty("id").GetInt32().ShouldNotBe(transcript.GetProperty("id").GetInt32());
        (await VerifyAsync(mine, transcript.GetProperty("code").GetString()!)).GetProperty("supersededByCode").GetString().ShouldBe(corrected.GetProperty("code").GetString());

        using var browser = NewBrowser();
        await browser.SignInAsync(email, AttendanceKit.Password);
        var (status, page) = await browser.GetPageAsync("/certificates");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll("[data-testid=certificate]").Length.ShouldBe(3);
    }

    [Test]
    public async Task An_administrator_downloads_the_class_as_one_zip_and_a_scoped_administrator_elsewhere_cannot()
    {
        var c = await CertificateKit.CompletedClassAsync(App, 3);
        await IssueAllAsync(c.OfferingId);
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var response = await api.GetAsync($"/api/v1/offerings/{c.OfferingId}/certificates.zip");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        await using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        zip.Entries.Count.ShouldBe(3);
        foreach (var entry in zip.Entries)
        {
            entry.Name.ShouldEndWith(".pdf");
            await using var s = await entry.OpenAsync();
            using var copy = new MemoryStream();
            await s.CopyToAsync(copy);
            CertificateKit.PdfText(copy.ToArray(), 1).ShouldContain("Pessoa de Teste");
        }

        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (status, page) = await browser.GetPageAsync($"/offerings/{c.OfferingId}/certificates");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll("[data-testid=row]").Length.ShouldBe(3);

        var scoped = await App.WithDbAsync(db => db.Users.Where(u => u.Email == "admin.prefeitura@demo.traininghub.local").Select(u => u.Email!).SingleAsync());
        using var outsider = await App.ApiClientAsync(scoped);
        (await outsider.GetAsync($"/api/v1/offerings/{c.OfferingId}/certificates.zip")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.PostAsync($"/api/v1/offerings/{c.OfferingId}/certificates/issue", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_validity_period_makes_the_certificate_expire_on_the_public_page()
    {
        var c = await CertificateKit.CompletedClassAsync(App, 1, "SEI-MUNICIPIOS");
        await IssueAllAsync(c.OfferingId);
        var code = await App.WithDbAsync(db => db.Certificates.Where(x => x.Enrolment!.OfferingId == c.OfferingId).Select(x => x.VerificationCode).SingleAsync());
        using var anonymous = App.CreateClient();
        (await VerifyAsync(anonymous, code)).GetProperty("status").GetString().ShouldBe("Valid");
        App.Clock.Advance(TimeSpan.FromDays(800));
        (await VerifyAsync(anonymous, code)).GetProperty("status").GetString().ShouldBe("Expired");
    }

    private async Task<int> ProgrammeIdAsync(string code) => await App.WithDbAsync(db => db.Programmes.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());

    private async Task<int> CountAsync(int offeringId) =>
        await App.WithDbAsync(db => db.Certificates.CountAsync(x => x.Enrolment!.OfferingId == offeringId && x.Status == CertificateStatus.Valid));

    private async Task<IssueOutcome> IssueAllAsync(int? offeringId = null)
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        return await IssueCertificates.HandleAsync(db, App.Clock, App.Services.GetRequiredService<IssueSettings>(), offeringId, CancellationToken.None);
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient client, string code)
    {
        var response = await client.GetAsync("/api/v1/verify/" + code);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
