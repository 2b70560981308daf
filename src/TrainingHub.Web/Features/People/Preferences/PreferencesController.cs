using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Data;
using TrainingHub.Core.People;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.People.Preferences;

public sealed class PreferencesForm
{
    public bool ReceivesOptionalEmails { get; set; }
    public string? PreferredLanguage { get; set; }
}

/// <summary>The signed-in person's email preferences; null form when the account is not linked to a person.</summary>
public sealed record PreferencesViewModel(PreferencesForm? Form);

[Route("account/preferences")]
[Authorize(Policy = Policies.SignedIn)]
public sealed class PreferencesController(TrainingHubDbContext db, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var current = User.Scope().PersonId is { } personId ? await ChangeEmailPreferences.GetAsync(db, personId, ct) : null;
        return View(new PreferencesViewModel(current is null ? null
            : new PreferencesForm { ReceivesOptionalEmails = current.ReceivesOptionalEmails, PreferredLanguage = current.PreferredLanguage }));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(PreferencesForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (User.Scope().PersonId is not { } personId)
        {
            return View("Index", new PreferencesViewModel(null));
        }

        var result = await ChangeEmailPreferences.HandleAsync(db, personId, new EmailPreferences(form.ReceivesOptionalEmails, form.PreferredLanguage), ct);
        if (!result.Succeeded)
        {
            return this.Form(result.Error!, t, () => View("Index", new PreferencesViewModel(form)));
        }

        TempData["Flash"] = t["Preferences.Saved"].Value;
        return Redirect("/account/preferences");
    }
}
