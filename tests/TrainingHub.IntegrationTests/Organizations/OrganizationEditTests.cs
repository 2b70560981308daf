using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Organizations;
using TrainingHub.IntegrationTests.Catalog;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Organizations;

/// <summary>Organisations corrected by API and on screen; a new parent moves the whole subtree, and scopes follow.</summary>
public sealed class OrganizationEditTests(string provider) : CatalogFixture(provider)
{
    private async Task<int> NewOrganizationAsync(HttpClient api, string name, int? parentId) =>
        await CreatedIdAsync(await api.PostAsJsonAsync("/api/v1/organizations", new { name, kind = "StateAgency", state = "MG", parentId }));

    private Task<string> PathAsync(int id) => App.WithDbAsync(db => db.Organizations.Where(o => o.Id == id).Select(o => o.Path).SingleAsync());

    [Test]
    public async Task Moving_an_organisation_rewrites_its_subtrees_paths_so_the_new_parents_administrator_sees_its_people()
    {
        using var root = await AdminApiAsync();
        var suffix = NewCode("ORG");
        var oldParent = await NewOrganizationAsync(root, "Secretaria antiga " + suffix, null);
        var newParent = await NewOrganizationAsync(root, "Secretaria nova " + suffix, null);
        var moved = await NewOrganizationAsync(root, "Diretoria " + suffix, oldParent);
        var child = await NewOrganizationAsync(root, "Divisão " + suffix, moved);
        var person = (await Arrange.PeopleAsync(App, 1, child))[0];
        using var newAdmin = await ApiAsync(await NewAccountAsync(Roles.Administrator, newParent));
        (await newAdmin.GetAsync(new Uri($"/api/v1/people/{person}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Refused: under itself, a wrong CNPJ; nothing moves.
        var cycle = await root.PutAsJsonAsync($"/api/v1/organizations/{moved}", new { name = "Diretoria " + suffix, kind = "StateAgency", parentId = child });
        cycle.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await cycle.Content.ReadAsStringAsync()).ShouldContain("ParentId");
        var cnpj = await root.PutAsJsonAsync($"/api/v1/organizations/{moved}", new { name = "Diretoria " + suffix, kind = "StateAgency", cnpj = "11.222.333/0001-82", parentId = oldParent });
        cnpj.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await cnpj.Content.ReadAsStringAsync()).ShouldContain("Cnpj");
        (await PathAsync(child)).ShouldStartWith(await PathAsync(oldParent));

        var ok = await root.PutAsJsonAsync($"/api/v1/organizations/{moved}", new
        {
            name = "Diretoria de Planejamento " + suffix,
            acronym = "DP",
            kind = "StateAgency",
            state = "mg",
            cnpj = "11.222.333/0001-81",
            parentId = newParent,
        });
        ok.StatusCode.ShouldBe(HttpStatusCode.NoContent, await ok.Content.ReadAsStringAsync());
        var newPath = await PathAsync(newParent);
        (await PathAsync(moved)).ShouldBe(newPath + moved.ToString(CultureInfo.InvariantCulture) + "/");
        (await PathAsync(child)).ShouldBe(newPath + moved.ToString(CultureInfo.InvariantCulture) + "/" + child.ToString(CultureInfo.InvariantCulture) + "/");
        using var details = JsonDocument.Parse(await root.GetStringAsync(new Uri($"/api/v1/organizations/{moved}", UriKind.Relative)));
        details.RootElement.GetProperty("cnpj").GetString().ShouldBe("11222333000181");
        details.RootElement.GetProperty("state").GetString().ShouldBe("MG");
        details.RootElement.GetProperty("parentId").GetInt32().ShouldBe(newParent);

        // The new parent's administrator now holds the subtree's people; both rows are audited.
        (await newAdmin.GetAsync(new Uri($"/api/v1/people/{person}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var audited = await App.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(Organization) && e.Action == "Modified")
            .Select(e => e.EntityId).ToListAsync());
        audited.ShouldContain(moved.ToString(CultureInfo.InvariantCulture));
        audited.ShouldContain(child.ToString(CultureInfo.InvariantCulture));
    }

    [Test]
    public async Task A_scoped_administrator_corrects_organisations_in_scope_on_screen_but_neither_moves_their_own_nor_touches_others()
    {
        using var root = await AdminApiAsync();
        var suffix = NewCode("ORS");
        var scopeRoot = await NewOrganizationAsync(root, "Secretaria " + suffix, null);
        var inside = await NewOrganizationAsync(root, "Superintendência " + suffix, scopeRoot);
        var outside = await NewOrganizationAsync(root, "Outra " + suffix, null);
        var email = await NewAccountAsync(Roles.Administrator, scopeRoot);
        using var api = await ApiAsync(email);
        var move = await api.PutAsJsonAsync($"/api/v1/organizations/{scopeRoot}", new { name = "Secretaria " + suffix, kind = "StateAgency", parentId = inside });
        move.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await move.Content.ReadAsStringAsync()).ShouldContain("ParentId");
        (await api.PutAsJsonAsync($"/api/v1/organizations/{outside}", new { name = "Tomada", kind = "StateAgency" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var browser = NewBrowser();
        await browser.SignInAsync(email, "a long enough passphrase");
        var (status, page) = await browser.GetPageAsync($"/organizations/{inside}/edit");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("#Form_Name")!.GetAttribute("value").ShouldBe("Superintendência " + suffix);
        var saved = await browser.SubmitAsync($"/organizations/{inside}/edit", $"/organizations/{inside}/edit", new Dictionary<string, string?>
        {
            ["Form.Name"] = "Superintendência Regional " + suffix,
            ["Form.Kind"] = "StateAgency",
            ["Form.State"] = "MG",
            ["Form.ParentId"] = scopeRoot.ToString(CultureInfo.InvariantCulture),
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.Organizations.Where(o => o.Id == inside).Select(o => o.Name).SingleAsync())).ShouldBe("Superintendência Regional " + suffix);
        (await browser.GetPageAsync($"/organizations/{outside}/edit")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
