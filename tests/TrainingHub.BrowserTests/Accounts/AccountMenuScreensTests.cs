using Microsoft.Playwright;

namespace TrainingHub.BrowserTests.Accounts;

/// <summary>The signed-in person's menu: every role opens each of its pages; a trainee does it on a phone.</summary>
public sealed class AccountMenuScreensTests : BrowserTest
{
    private static readonly string[] Items = ["account", "preferences", "password", "tokens", "privacy"];

    [TestCaseSource(typeof(DemoUser), nameof(DemoUser.AllInBothLanguages))]
    public async Task Each_role_opens_every_page_of_its_account_menu(DemoUser user, string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(user);

        foreach (var item in Items)
        {
            await Page.GetByTestId("signed-in-as").ClickAsync();
            var menu = Page.GetByTestId("account-menu").Locator(".dropdown-menu");
            await Expect(menu).ToBeVisibleAsync();
            (await menu.Locator("[data-menu]").EvaluateAllAsync<string[]>("links => links.map(a => a.dataset.menu)")).ShouldBe(Items);
            if (item == "account")
            {
                await Screenshots.SaveAsync(Page, user.Key, "account-menu", lang);
            }

            await menu.Locator($"[data-menu={item}]").ClickAsync();
            await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(item == "account" ? "/account$" : "/account/" + item + "$"));
            await Expect(Page.Locator("main h1")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(Page, user.Key, "menu-" + item, lang);
            await Axe.AssertNoSeriousViolationsAsync(Page);
        }
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task A_trainee_reaches_privacy_from_the_menu_on_a_phone(string lang)
    {
        await Page.SetViewportSizeAsync(375, 812);
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Trainee);
        await Page.Locator(".navbar-toggler").ClickAsync();
        await Page.GetByTestId("signed-in-as").ClickAsync();
        await Page.GetByTestId("account-menu").Locator("[data-menu=privacy]").ClickAsync();
        await Expect(Page.GetByTestId("privacy-held")).ToBeVisibleAsync();
        (await Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "privacy-phone", lang);

        await Page.GotoAsync("/account");
        await Expect(Page.GetByTestId("me-links")).ToBeVisibleAsync();
        (await Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "account-phone", lang);
    }
}
