using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Enrolment;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Certificates;

/// <summary>
/// A correction turns an enrolment with a valid certificate into "not completed": the public page stops saying
/// "valid", the class ZIP leaves it out, the class list and the administrator's home show it, and revoking it (with a
/// reason) settles it.
/// </summary>
public sealed class CertificateReviewTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task A_certificate_whose_enrolment_turned_failed_is_under_review_until_the_administrator_decides()
    {
        var c = await CertificateKit.CompletedClassAsync(App, 2);
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        (await api.PostAsync($"/api/v1/offerings/{c.OfferingId}/certificates/issue", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{c.OfferingId}/certificates")).GetProperty("rows").GetProperty("items").EnumerateArray().ToList();
        var failed = rows.Single(r => r.GetProperty("personId").GetInt32() == c.People[0]);
        var code = failed.GetProperty("code").GetString()!;
        var id = failed.GetProperty("certificateId").GetInt32();

        // The correction: the enrolment is no longer completed.
        await App.WithDbAsync(db => db.Enrolments.Where(e => e.OfferingId == c.OfferingId && e.PersonId == c.People[0])
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EnrolmentStatus.Failed).SetProperty(e => e.CompletedAt, (DateTime?)null)));

        (await VerifyAsync(api, code)).GetProperty("status").GetString().ShouldBe("UnderReview", "no longer \"valid\" on the public page");
        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{c.OfferingId}/certificates");
        list.GetProperty("underReview").GetInt32().ShouldBe(1);
        list.GetProperty("rows").GetProperty("items").EnumerateArray().Single(r => r.GetProperty("certificateId").GetInt32() == id)
            .GetProperty("underReview").GetBoolean().ShouldBeTrue();
        ZipEntries(await api.GetByteArrayAsync($"/api/v1/offerings/{c.OfferingId}/certificates.zip")).ShouldBe(1, "the ZIP leaves it out");

        using (var browser = NewBrowser())
        {
            await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
            var (_, home) = await browser.GetPageAsync("/?culture=en&ui-culture=en");
            home.QuerySelector("[data-testid=certificates-under-review]").ShouldNotBeNull().TextContent.ShouldContain("still valid although");
            var (_, page) = await browser.GetPageAsync($"/offerings/{c.OfferingId}/certificates?culture=pt-BR&ui-culture=pt-BR");
            page.QuerySelector("[data-testid=under-review]").ShouldNotBeNull().TextContent.ShouldContain("1 certificado continua válido");
            page.QuerySelectorAll("[data-testid=row-under-review]").Length.ShouldBe(1);
        }

        // The administrator decides: revoked, with a reason. Nothing is under review any more.
        (await api.PostAsJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "Presença corrigida: não atingiu o mínimo" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await VerifyAsync(api, code)).GetProperty("status").GetString().ShouldBe("Revoked");
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{c.OfferingId}/certificates")).GetProperty("underReview").GetInt32().ShouldBe(0);
    }

    [Test]
    public async Task A_correction_puts_the_certificate_under_review_emails_the_administrators_once_and_keeping_it_with_a_reason_settles_it()
    {
        var c = await CertificateKit.CompletedClassAsync(App, 2);
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        (await api.PostAsync($"/api/v1/offerings/{c.OfferingId}/certificates/issue", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (id, code) = await App.WithDbAsync(async db =>
        {
            var row = await db.Certificates.Where(x => x.Enrolment!.OfferingId == c.OfferingId && x.PersonId == c.People[0]).Select(x => new { x.Id, x.VerificationCode }).SingleAsync();
            return (row.Id, row.VerificationCode);
        });
        var session = await App.WithDbAsync(db => db.Sessions.Where(s => s.OfferingId == c.OfferingId).OrderBy(s => s.StartsAt).Select(s => s.Id).FirstAsync());

        // Nothing under review yet: keeping is refused.
        (await api.PostAsJsonAsync($"/api/v1/certificates/{id}/keep", new { reason = "Sem motivo" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The correction, saved through the roster: absent from one of two sessions, below the 75 % minimum.
        var correction = new { entries = new[] { new { personId = c.People[0], status = "Absent" } }, reason = "Lista de presença conferida" };
        (await api.PostAsJsonAsync($"/api/v1/sessions/{session}/roster", correction)).EnsureSuccessStatusCode();
        (await VerifyAsync(api, code)).GetProperty("status").GetString().ShouldBe("UnderReview");
        var notices = await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.MessageType == "CertificateUnderReview" && m.IdempotencyKey.StartsWith("CertificateUnderReview:" + id + ":"))
            .Select(m => m.ToAddress).ToListAsync());
        notices.ShouldContain(TestApp.AdminEmail, "the administrators are told when the correction is saved");
        notices.Count.ShouldBe(notices.Distinct().Count(), "one email per administrator");

        // Saving the same correction again changes nothing and queues nothing more.
        (await api.PostAsJsonAsync($"/api/v1/sessions/{session}/roster", correction)).EnsureSuccessStatusCode();
        (await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType == "CertificateUnderReview" && m.IdempotencyKey.StartsWith("CertificateUnderReview:" + id + ":")))).ShouldBe(notices.Count);

        // Keeping needs a reason, named on the field, in both languages.
        var refused = await api.PostAsJsonAsync($"/api/v1/certificates/{id}/keep?culture=en", new { reason = " " });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Give the reason.");
        var manage = await api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}");
        manage.GetProperty("underReview").GetBoolean().ShouldBeTrue();

        using (var browser = NewBrowser())
        {
            await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
            var (_, en) = await browser.GetPageAsync($"/certificates/{id}/manage?culture=en&ui-culture=en");
            en.QuerySelector("[data-testid=under-review]").ShouldNotBeNull();
            en.QuerySelector("[data-testid=keep]").ShouldNotBeNull().TextContent.ShouldContain("Keep valid");
            var response = await browser.SubmitAsync($"/certificates/{id}/manage?culture=pt-BR&ui-culture=pt-BR", $"/certificates/{id}/keep",
                new Dictionary<string, string?> { ["reason"] = "Falta justificada por ofício da chefia" });
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var (_, pt) = await browser.GetPageAsync($"/certificates/{id}/manage?culture=pt-BR&ui-culture=pt-BR");
            pt.QuerySelector("[data-testid=kept]").ShouldNotBeNull().TextContent.ShouldContain("Falta justificada por ofício da chefia");
            pt.QuerySelector("[data-testid=keep]").ShouldBeNull();
            var (_, list) = await browser.GetPageAsync($"/offerings/{c.OfferingId}/certificates?culture=pt-BR&ui-culture=pt-BR");
            list.QuerySelectorAll("[data-testid=row-kept]").Length.ShouldBe(1);
            list.QuerySelector("[data-testid=under-review]").ShouldBeNull();
        }

        // Kept: valid again everywhere, the decision on the certificate and in the audit trail.
        (await VerifyAsync(api, code)).GetProperty("status").GetString().ShouldBe("Valid");
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{c.OfferingId}/certificates")).GetProperty("underReview").GetInt32().ShouldBe(0);
        ZipEntries(await api.GetByteArrayAsync($"/api/v1/offerings/{c.OfferingId}/certificates.zip")).ShouldBe(2, "a kept certificate is in the ZIP again");
        var kept = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}")).GetProperty("kept");
        kept.GetProperty("reason").GetString().ShouldBe("Falta justificada por ofício da chefia");
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Certificate" && a.Reason == "Falta justificada por ofício da chefia"))).ShouldBe(1);
        (await api.PostAsJsonAsync($"/api/v1/certificates/{id}/keep", new { reason = "De novo" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient api, string code) =>
        await (await api.GetAsync("/api/v1/verify/" + code)).Content.ReadFromJsonAsync<JsonElement>();

    private static int ZipEntries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.Count;
    }
}
