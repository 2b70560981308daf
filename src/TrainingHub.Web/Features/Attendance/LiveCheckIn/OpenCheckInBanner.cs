using Microsoft.AspNetCore.Mvc;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Attendance.LiveCheckIn;

/// <summary>The trainee home's banner while a check-in window is open in one of their classes and they have not checked in yet.</summary>
public sealed class OpenCheckInBanner(TrainingHubDbContext db, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var scope = UserClaimsPrincipal.Scope();
        if (scope.PersonId is null)
        {
            return Content("");
        }

        var waiting = (await GetOpenCheckIns.HandleAsync(db, scope, time, HttpContext.RequestAborted)).Where(i => !i.Done).ToList();
        return View("~/Features/Attendance/LiveCheckIn/_Banner.cshtml", waiting);
    }
}
