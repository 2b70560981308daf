using Microsoft.AspNetCore.Mvc;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Surveys.Needs;

/// <summary>"What was asked, what was offered" on the programme's page: the latest needs survey's topics and the courses and classes linked to them.</summary>
public sealed class AskedAndOffered(TrainingHubDbContext db, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int programmeId)
    {
        var scope = UserClaimsPrincipal.Scope();
        var latest = (await GetNeedsResults.ListAsync(db, scope, programmeId, HttpContext.RequestAborted)).FirstOrDefault(s => s.SentAt != null);
        var results = latest is null ? null : await GetNeedsResults.HandleAsync(db, scope, time, latest.Id, HttpContext.RequestAborted);
        return View("~/Features/Surveys/Needs/_AskedOffered.cshtml", new AskedOfferedViewModel(programmeId, results));
    }
}

public sealed record AskedOfferedViewModel(int ProgrammeId, NeedsResults? Results);
