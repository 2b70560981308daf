using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Catalog;

/// <summary>
/// Periods nest both ways: a programme's dates cannot be narrowed so that its classes or series fall outside, on the
/// form and the API alike, as a class outside its programme's period is refused: a field error naming how many.
/// </summary>
public sealed class ProgrammePeriodTests(string provider) : CatalogFixture(provider)
{
    private async Task<int> ClassAsync(HttpClient api, int course, string starts, string ends, string status = "Published") =>
        await CreatedIdAsync(await api.PostAsJsonAsync("/api/v1/classes", new { courseId = course, code = NewCode("T"), title = "Turma do período", startsOn = starts, endsOn = ends, seats = 10, status }));

    [Test]
    public async Task Narrowing_a_programme_past_its_classes_is_refused_naming_how_many_fall_outside_on_each_side()
    {
        using var api = await AdminApiAsync();
        var (programme, course, _) = await NewClassAsync(api); // 02/03/2026 to 31/03/2026
        await ClassAsync(api, course, "2026-04-06", "2026-04-30");
        await ClassAsync(api, course, "2026-11-02", "2026-12-15");
        var cancelled = await ClassAsync(api, course, "2026-01-05", "2026-01-30");
        await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == cancelled).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OfferingStatus.Cancelled)));
        var owner = await App.WithDbAsync(db => db.Programmes.Where(p => p.Id == programme).Select(p => p.OwnerOrganizationId).SingleAsync());
        var code = await App.WithDbAsync(db => db.Programmes.Where(p => p.Id == programme).Select(p => p.Code).SingleAsync());

        // Two classes start before 01/05 and one ends after 30/11: both fields refused at once, counted, in both languages.
        var refused = await api.PutAsJsonAsync($"/api/v1/programmes/{programme}", new { code, name = "Programa de teste", ownerOrganizationId = owner, startsOn = "2026-05-01", endsOn = "2026-11-30" });
        var body = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        using (var json = JsonDocument.Parse(body))
        {
            json.RootElement.GetProperty("errors").GetProperty("StartsOn")[0].GetString()
                .ShouldBe("Data de início: 2 turmas ou séries deste programa começam antes desta data, a primeira em 02/03/2026. Mantenha uma data anterior, ou altere ou cancele as turmas antes.");
            json.RootElement.GetProperty("errors").GetProperty("EndsOn")[0].GetString()
                .ShouldBe("Data de término: 1 turma ou série deste programa termina depois desta data, em 15/12/2026. Mantenha uma data posterior, ou altere ou cancele a turma antes.");
        }

        var english = await api.PutAsJsonAsync($"/api/v1/programmes/{programme}?culture=en", new { code, name = "Programa de teste", ownerOrganizationId = owner, startsOn = "2026-03-03" });
        (await english.Content.ReadAsStringAsync()).ShouldContain("Start date: 1 class or series of this programme starts before this date, on 02/03/2026.");
        (await App.WithDbAsync(db => db.Programmes.Where(p => p.Id == programme).Select(p => p.StartsOn).SingleAsync())).ShouldBeNull("nothing was saved");

        // The same on the form: 400, both messages on their fields.
        using (var browser = NewBrowser())
        {
            await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
            var page = await browser.SubmitAsync($"/programmes/{programme}/edit", $"/programmes/{programme}/edit", new Dictionary<string, string?>
            {
                ["Form.Code"] = code,
                ["Form.Name"] = "Programa de teste",
                ["Form.OwnerOrganizationId"] = Id(owner),
                ["Form.TargetPeriod"] = "Year",
                ["Form.StartsOn"] = "2026-05-01",
                ["Form.EndsOn"] = "2026-11-30",
                ["Form.IsActive"] = "true",
            });
            page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var html = Browser.Parse(await page.Content.ReadAsStringAsync());
            html.QuerySelector("[data-valmsg-for='Form.StartsOn']")!.TextContent.ShouldContain("2 turmas ou séries deste programa começam antes desta data");
            html.QuerySelector("[data-valmsg-for='Form.EndsOn']")!.TextContent.ShouldContain("1 turma ou série deste programa termina depois desta data");
        }

        // A period that holds them all (the cancelled class aside) is saved.
        (await api.PutAsJsonAsync($"/api/v1/programmes/{programme}", new { code, name = "Programa de teste", ownerOrganizationId = owner, startsOn = "2026-03-02", endsOn = "2026-12-15" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await App.WithDbAsync(db => db.Programmes.Where(p => p.Id == programme).Select(p => p.EndsOn).SingleAsync())).ShouldBe(new DateOnly(2026, 12, 15));
    }
}
