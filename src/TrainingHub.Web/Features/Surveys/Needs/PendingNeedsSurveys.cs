using Microsoft.AspNetCore.Mvc;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Surveys.Needs;

/// <summary>The home's notice of training-needs surveys asking the person, open and not answered yet, each with its link.</summary>
public sealed class PendingNeedsSurveys(TrainingHubDbContext db, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (UserClaimsPrincipal.Scope().PersonId is not { } personId)
        {
            return Content("");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var pending = (await AnswerNeedsSurvey.MineAsync(db, time, personId, HttpContext.RequestAborted)).Where(s => s.AnsweredAt is null && s.ClosesAt > now).ToList();
        return View("~/Features/Surveys/Needs/_Pending.cshtml", pending);
    }
}
