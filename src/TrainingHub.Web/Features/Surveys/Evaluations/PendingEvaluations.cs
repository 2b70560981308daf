using Microsoft.AspNetCore.Mvc;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Surveys.Evaluations;

/// <summary>The trainee home's notice of evaluations waiting for an answer, each with its link.</summary>
public sealed class PendingEvaluations(TrainingHubDbContext db, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (UserClaimsPrincipal.Scope().PersonId is not { } personId)
        {
            return Content("");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var pending = (await MyEvaluations.HandleAsync(db, personId, null, HttpContext.RequestAborted)).Where(e => e.AnsweredAt is null && e.IsOpen(now)).ToList();
        return View("~/Features/Surveys/Evaluations/_Pending.cshtml", pending);
    }
}
