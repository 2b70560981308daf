using Microsoft.Playwright;

namespace TrainingHub.BrowserTests.Members;

/// <summary>A programme's members: the list with its filters, the person picker that searches, a CPF list's preview with line errors, inviting those without an account.</summary>
public sealed class MembersScreensTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task The_demo_administrator_finds_adds_imports_and_invites_members_of_the_strategy_network(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.GotoAsync("/programmes?search=REDE-ESTRATEGIA");
        await Page.Locator("[data-testid=programmes] a").First.ClickAsync();
        await Page.GetByTestId("members-link").ClickAsync();
        var list = Page.Url;
        var rows = Page.Locator("[data-testid=members] tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        var before = await Page.GetByTestId("member-counts").TextContentAsync();

        // The picker searches people of any organisation; adding one comes back to the list with one member more.
        await Page.Locator("#find").FillAsync("silva");
        await Page.Locator("[data-testid=picker] button[type=submit]").ClickAsync();
        var candidates = Page.Locator("[data-testid=candidates] li");
        await Expect(candidates.First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "members-picker", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
        // The two languages run side by side on one database: each adds a different person.
        var chosen = candidates.Nth(lang == "en" ? 1 : 0);
        var name = (await chosen.Locator("strong").TextContentAsync())!.Trim();
        await chosen.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.Locator(".alert-success")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("member-counts")).Not.ToHaveTextAsync(before!);

        await Page.Locator("#search").FillAsync(name);
        await Page.Locator("[data-testid=filters] button[type=submit]").ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(name);
        await Page.Locator("#search").FillAsync("");
        await Page.Locator("[data-testid=filters] button[type=submit]").ClickAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "members", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        // A CPF list with a bad line: the preview names the line and the column, and offers no confirmation.
        await Page.GetByTestId("import-members").ClickAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "members-import", lang);
        await Page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "cpfs.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes("cpf\n123.456.789-00\n") });
        await Page.Locator("form[enctype] button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-testid=row-errors] tr[data-line='2']")).ToContainTextAsync("cpf");
        await Expect(Page.GetByTestId("commit")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "members-import-preview", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        // Inviting those without an account says how many were queued; the button is there while anyone has no account.
        await Page.GotoAsync(list);
        await Page.GetByTestId("invite-members").ClickAsync();
        await Expect(Page.Locator(".alert-success")).ToContainTextAsync(lang == "en" ? "Invitations queued" : "Convites na fila");
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "members-invited", lang);
    }
}
