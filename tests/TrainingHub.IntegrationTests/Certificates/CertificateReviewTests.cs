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

    private static async Task<JsonElement> VerifyAsync(HttpClient api, string code) =>
        await (await api.GetAsync("/api/v1/verify/" + code)).Content.ReadFromJsonAsync<JsonElement>();

    private static int ZipEntries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.Count;
    }
}
