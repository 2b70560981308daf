using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Attendance.Ledger;

public sealed record HoursViewModel(PersonHoursModel Model, bool Mine);

/// <summary>"Minhas horas": the hour ledger of the signed-in trainee, and of any person in an administrator's scope.</summary>
[Route("hours")]
public sealed class HoursController(TrainingHubDbContext db, TimeProvider time) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.Trainee)]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = User.Scope();
        if (scope.PersonId is not { } personId)
        {
            return NotFound();
        }

        var result = await GetPersonHours.HandleAsync(db, scope, time, personId, ct);
        return result.Succeeded ? View(new HoursViewModel(result.Value!, Mine: true)) : this.Page(result.Error!);
    }

    [HttpGet("person/{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Person(int id, CancellationToken ct)
    {
        var result = await GetPersonHours.HandleAsync(db, User.Scope(), time, id, ct);
        return result.Succeeded ? View("Index", new HoursViewModel(result.Value!, Mine: User.Scope().PersonId == id)) : this.Page(result.Error!);
    }
}
