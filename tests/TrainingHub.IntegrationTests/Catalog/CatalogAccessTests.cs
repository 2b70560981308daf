using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Organizations;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Catalog;

public sealed class CatalogAccessTests(string provider) : CatalogFixture(provider)
{
    [Test]
    public async Task A_scoped_administrator_neither_sees_nor_edits_another_organisations_programme()
    {
        var mine = await AnyOrganizationAsync(OrganizationKind.CityHall);
        var other = await AnyOrganizationAsync(OrganizationKind.CityHall, skip: 1);
        using var root = await AdminApiAsync();
        var foreign = await CreatedIdAsync(await root.PostAsJsonAsync("/api/v1/programmes", new { code = NewCode("PO"), name = "Programa alheio", ownerOrganizationId = other }));
        var (_, _, foreignClass) = await NewClassAsync(root, other);

        var email = await NewAccountAsync(Roles.Administrator, mine);
        using var api = await ApiAsync(email);
        var own = await CreatedIdAsync(await api.PostAsJsonAsync("/api/v1/programmes", new { code = NewCode("PM"), name = "Programa próprio", ownerOrganizationId = mine }));
        (await api.GetAsync(new Uri($"/api/v1/programmes/{foreign}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.PutAsJsonAsync($"/api/v1/programmes/{foreign}", new { code = NewCode("PX"), name = "Tomado", ownerOrganizationId = mine })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync(new Uri($"/api/v1/offerings/{foreignClass}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.PostAsJsonAsync($"/api/v1/offerings/{foreignClass}/copy", new { code = NewCode("CX"), startsOn = "2027-01-04" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var outside = await api.PostAsJsonAsync("/api/v1/programmes", new { code = NewCode("PY"), name = "Fora do escopo", ownerOrganizationId = other });
        outside.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await outside.Content.ReadAsStringAsync()).ShouldContain("OwnerOrganizationId");
        var noProgramme = await api.PostAsJsonAsync("/api/v1/courses", new { code = NewCode("CY"), title = "Sem programa", workloadHours = "8" });
        (await noProgramme.Content.ReadAsStringAsync()).ShouldContain("ProgrammeId");

        using var list = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/v1/programmes?pageSize=200", UriKind.Relative)));
        var ids = list.RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
        ids.ShouldContain(own);
        ids.ShouldNotContain(foreign);
        (await App.WithDbAsync(db => db.Programmes.Where(p => p.Id == foreign).Select(p => p.Name).SingleAsync())).ShouldBe("Programa alheio");

        using var browser = NewBrowser();
        await browser.SignInAsync(email, "a long enough passphrase");
        (await browser.GetPageAsync($"/programmes/{foreign}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetPageAsync($"/programmes/{foreign}/edit")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetPageAsync($"/offerings/{foreignClass}")).Status.ShouldBe(HttpStatusCode.NotFound);
        var (_, page) = await browser.GetPageAsync("/programmes?search=Programa");
        page.Body!.TextContent.ShouldContain("Programa próprio");
        page.Body!.TextContent.ShouldNotContain("Programa alheio");
    }

    [Test]
    public async Task An_auditor_reads_the_catalogue_but_may_not_change_it()
    {
        using var root = await AdminApiAsync();
        var (programme, course, klass) = await NewClassAsync(root);
        var email = await NewAccountAsync(Roles.Auditor);
        using var browser = NewBrowser();
        await browser.SignInAsync(email, "a long enough passphrase");
        foreach (var url in new[] { "/programmes", $"/programmes/{programme}", "/courses", $"/courses/{course}", $"/offerings/{klass}" })
        {
            var (status, html) = await browser.GetPageAsync(url);
            status.ShouldBe(HttpStatusCode.OK, url);
            html.QuerySelectorAll("form[method=post]").Where(f => f.GetAttribute("action") is not ("/account/culture" or "/account/logout")).ShouldBeEmpty(url);
            html.QuerySelectorAll("a[href$='/edit'], a[href*='/new']").ShouldBeEmpty(url);
        }

        (await browser.GetPageAsync("/programmes/new")).Status.ShouldBe(HttpStatusCode.Redirect);
        var post = await browser.PostAsync($"/offerings/{klass}/cancel", new Dictionary<string, string?>());
        post.StatusCode.ShouldNotBe(HttpStatusCode.OK);

        using var api = await ApiAsync(email);
        (await api.GetAsync(new Uri($"/api/v1/offerings/{klass}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync(new Uri($"/api/v1/offerings/{klass}/sessions", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.PostAsJsonAsync("/api/v1/programmes", new { code = NewCode("PA"), name = "Auditor", ownerOrganizationId = 1 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.PostAsync(new Uri($"/api/v1/offerings/{klass}/cancel", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == klass).Select(o => o.Status).SingleAsync())).ShouldBe(Core.Catalog.OfferingStatus.Published);
    }

    [Test]
    public async Task Trainees_and_instructors_do_not_see_the_catalogue_screens()
    {
        foreach (var role in new[] { Roles.Trainee, Roles.Instructor })
        {
            var email = await NewAccountAsync(role);
            using var browser = NewBrowser();
            await browser.SignInAsync(email, "a long enough passphrase");
            (await browser.GetPageAsync("/programmes")).Status.ShouldBe(HttpStatusCode.Redirect, role);
            using var api = await ApiAsync(email);
            (await api.GetAsync(new Uri("/api/v1/programmes", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
        }
    }
}
