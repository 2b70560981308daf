using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.People;

public sealed class RegisterPersonTests(string provider) : OnBothDatabases(provider)
{
    private async Task<int> AnyOrganizationAsync(OrganizationKind kind) =>
        await App.WithDbAsync(db => db.Organizations.Where(o => o.Kind == kind).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());

    private static Dictionary<string, string?> Form(string cpf, int org, string name = "Conceição Araújo") => new()
    {
        ["Form.Cpf"] = cpf,
        ["Form.FullName"] = name,
        ["Form.Email"] = "conceicao@example.gov.br",
        ["Form.OrganizationId"] = org.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Test]
    public async Task An_invalid_cpf_is_refused_naming_the_field_and_nothing_is_saved()
    {
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var before = await App.WithDbAsync(db => db.People.CountAsync());
        var response = await browser.SubmitAsync("/people/new", "/people/new", Form("123.456.789-00", await AnyOrganizationAsync(OrganizationKind.StateAgency)));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = Browser.Parse(await response.Content.ReadAsStringAsync());
        html.QuerySelector("[data-valmsg-for='Form.Cpf']")!.TextContent.ShouldContain("123.456.789-00\" é inválido");
        ((AngleSharp.Html.Dom.IHtmlInputElement)html.QuerySelector("#Form_FullName")!).Value.ShouldBe("Conceição Araújo", "what the person typed is kept");
        (await App.WithDbAsync(db => db.People.CountAsync())).ShouldBe(before);
    }

    [Test]
    public async Task A_valid_cpf_registers_the_person_with_an_audit_entry_and_a_duplicate_is_refused()
    {
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var cpf = Data.NewCpf();
        var org = await AnyOrganizationAsync(OrganizationKind.CityHall);
        (await browser.SubmitAsync("/people/new", "/people/new", Form(Cpf.Format(cpf), org))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var person = await App.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Cpf == cpf));
        person.FullName.ShouldBe("Conceição Araújo");
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == "Person" && a.EntityId == person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        audit.ActorName.ShouldBe(TestApp.AdminEmail);
        audit.Action.ShouldBe("Added");
        audit.AfterJson.ShouldNotBeNull().ShouldContain(cpf);

        var count = await App.WithDbAsync(db => db.People.CountAsync());
        var again = await browser.SubmitAsync("/people/new", "/people/new", Form(cpf, org, "Outra Pessoa"));
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Browser.Parse(await again.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Form.Cpf']")!.TextContent
            .ShouldContain($"{Cpf.Format(cpf)} já está cadastrado");
        (await App.WithDbAsync(db => db.People.CountAsync())).ShouldBe(count);
    }

    [Test]
    public async Task The_api_refuses_a_bad_cpf_with_a_problem_naming_the_field_in_english()
    {
        using var client = await App.ApiClientAsync(TestApp.AdminEmail);
        var org = await AnyOrganizationAsync(OrganizationKind.StateAgency);
        var response = await client.PostAsJsonAsync("/api/v1/people?culture=en", new { cpf = "529.982.247-24", fullName = "Ana", email = "ana@example.gov.br", organizationId = org });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").GetProperty("Cpf")[0].GetString().ShouldBe("CPF \"529.982.247-24\" is not valid: check the 11 digits (the last two are check digits).");

        var ok = await client.PostAsJsonAsync("/api/v1/people", new { cpf = Data.NewCpf(), fullName = "Ana Lúcia", email = "ana@example.gov.br", organizationId = org });
        ok.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Test]
    public async Task The_api_reads_a_cpf_as_the_import_does_tabs_non_breaking_spaces_and_lost_leading_zeros()
    {
        using var client = await App.ApiClientAsync(TestApp.AdminEmail);
        var org = await AnyOrganizationAsync(OrganizationKind.StateAgency);
        var wrapped = Data.NewCpf();
        var tab = await client.PostAsJsonAsync("/api/v1/people?culture=en", new { cpf = "\t" + Cpf.Format(wrapped) + "\u00A0", fullName = "Tabulada", email = "tab@example.gov.br", organizationId = org });
        tab.StatusCode.ShouldBe(HttpStatusCode.Created, await tab.Content.ReadAsStringAsync());
        var zero = Cpf.FromBase("0" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var bare = await client.PostAsJsonAsync("/api/v1/people?culture=en", new { cpf = zero.TrimStart('0'), fullName = "Zero Perdido", email = "zero@example.gov.br", organizationId = org });
        bare.StatusCode.ShouldBe(HttpStatusCode.Created, await bare.Content.ReadAsStringAsync());
        (await App.WithDbAsync(db => db.People.CountAsync(p => p.Cpf == wrapped || p.Cpf == zero))).ShouldBe(2, "stored as the 11 digits");

        // A digit missing from a punctuated number is not a lost zero: refused here as by the import.
        var missing = await client.PostAsJsonAsync("/api/v1/people?culture=en", new { cpf = Cpf.Format(Data.NewCpf())[..^1], fullName = "Falta", email = "falta@example.gov.br", organizationId = org });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_scoped_administrator_sees_and_registers_only_inside_their_organisation()
    {
        var (mine, other) = await App.WithDbAsync(async db =>
        {
            var cityHalls = await db.Organizations.Where(o => o.Kind == OrganizationKind.CityHall && db.People.Any(p => p.OrganizationId == o.Id))
                .OrderBy(o => o.Id).Select(o => o.Id).Take(2).ToListAsync();
            return (cityHalls[0], cityHalls[1]);
        });
        var email = $"scoped-{Guid.NewGuid():N}@test.traininghub.local";
        await using (var scope = App.Scope())
        {
            var sp = scope.ServiceProvider;
            var root = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
            (await CreateAccount.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), root, App.Clock,
                new CreateAccountRequest(email, "Scoped", "scoped admin passphrase", Roles.Administrator, mine, null, null), CancellationToken.None)).Succeeded.ShouldBeTrue();
        }

        using var client = await App.ApiClientAsync(email);
        using var page = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/people?pageSize=200", UriKind.Relative)));
        var items = page.RootElement.GetProperty("items").EnumerateArray().ToList();
        items.ShouldNotBeEmpty();
        items.ShouldAllBe(i => i.GetProperty("organizationId").GetInt32() == mine);
        page.RootElement.GetProperty("totalCount").GetInt32().ShouldBe(await App.WithDbAsync(db => db.People.CountAsync(p => p.OrganizationId == mine)));

        var outside = await client.PostAsJsonAsync("/api/v1/people", new { cpf = Data.NewCpf(), fullName = "Fora", email = "fora@example.gov.br", organizationId = other });
        outside.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await outside.Content.ReadAsStringAsync()).ShouldContain("OrganizationId");

        using var orgs = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/organizations?pageSize=200", UriKind.Relative)));
        orgs.RootElement.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetInt32()).ShouldNotContain(other);
    }

    [Test]
    public async Task Every_audited_change_is_chained_and_the_chain_verifies()
    {
        await App.SealAuditAsync();
        await App.WithDbAsync(async db =>
        {
            var entries = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
            entries.ShouldNotBeEmpty();
            entries.ShouldAllBe(a => a.Sequence != null, "every committed entry is sealed");
            var key = App.Sealing.Key;
            var previous = AuditChain.Genesis;
            for (var i = 0; i < entries.Count; i++)
            {
                entries[i].Sequence.ShouldBe(i + 1, "no gaps");
                entries[i].PreviousHash.ShouldBe(previous);
                entries[i].OccurredAt = DateTime.SpecifyKind(entries[i].OccurredAt, DateTimeKind.Utc);
                entries[i].SealedAt = DateTime.SpecifyKind(entries[i].SealedAt!.Value, DateTimeKind.Utc);
                AuditChain.ComputeMac(entries[i], key).ShouldBe(entries[i].Hash, $"entry {entries[i].Sequence} recomputes with the key");
                previous = entries[i].Hash!;
            }

            (await db.AuditChainHeads.SingleAsync()).LastHash.ShouldBe(previous);
            return true;
        });
    }

}
