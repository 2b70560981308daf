using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Attendance.Roster;

public sealed record RosterViewModel(RosterModel Model, string? Reason, IReadOnlyDictionary<int, (AttendanceStatus? Status, int? Minutes)>? Posted);

/// <summary>A session's roster (the offering's instructors and administrators in scope): record attendance in one request, close the session.</summary>
[Route("sessions/{id:int}")]
public sealed class AttendanceController(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, IStringLocalizer<SharedResource> t) : Controller
{
    public const string StatusField = "status-";
    public const string MinutesField = "minutes-";

    [HttpGet("roster")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    public async Task<IActionResult> Roster(int id, CancellationToken ct) =>
        await GetRoster.HandleAsync(db, User.Scope(), id, ct) is { } model ? View(new RosterViewModel(model, null, null)) : NotFound();

    /// <summary>The whole roster in one form: "status-{personId}" and "minutes-{personId}" per person (a few fields per person keeps 500 people under the form limits).</summary>
    [HttpPost("roster")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    public async Task<IActionResult> SaveRosterForm(int id, string? reason, CancellationToken ct)
    {
        var form = await Request.ReadFormAsync(ct);
        var posted = new Dictionary<int, (AttendanceStatus? Status, int? Minutes)>();
        foreach (var (key, value) in form)
        {
            if (key.StartsWith(StatusField, StringComparison.Ordinal) && int.TryParse(key.AsSpan(StatusField.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var personId))
            {
                var status = Enum.TryParse<AttendanceStatus>(value.ToString(), out var s) && Enum.IsDefined(s) ? s : (AttendanceStatus?)null;
                int? minutes = int.TryParse(form[MinutesField + key[StatusField.Length..]].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : null;
                posted[personId] = (status, minutes);
            }
        }

        var entries = posted.Where(p => p.Value.Status is not null).Select(p => new RosterEntry(p.Key, p.Value.Status!.Value, p.Value.Status == AttendanceStatus.Partial ? p.Value.Minutes : null)).ToList();
        var result = await Core.Attendance.SaveRoster.HandleAsync(db, User.Scope(), time, actor, new SaveRosterRequest(id, entries, reason), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = t.Count("Attendance.Saved", result.Value!.Added + result.Value.Changed).Value;
            return Redirect($"/sessions/{id}/roster");
        }

        if (await GetRoster.HandleAsync(db, User.Scope(), id, ct) is not { } model)
        {
            return NotFound();
        }

        // Name the person's own field ("minutes-{personId}") rather than the request's index.
        var error = result.Error! with { Fields = result.Errors.Select(e => e with { Field = PersonField(e.Field, entries) }).ToList() };
        return this.Form(error, t, () => View("Roster", new RosterViewModel(model, reason, posted)));
    }

    [HttpPost("close")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    public async Task<IActionResult> Close(int id, CancellationToken ct)
    {
        var result = await CloseSession.HandleAsync(db, User.Scope(), time, id, ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, $"/sessions/{id}/roster");
        }

        TempData["Flash"] = t["Attendance.ClosedNow"].Value;
        return Redirect($"/sessions/{id}/roster");
    }

    private static string PersonField(string field, List<RosterEntry> entries) =>
        field.StartsWith("Entries[", StringComparison.Ordinal) && int.TryParse(field.AsSpan(8, field.IndexOf(']', StringComparison.Ordinal) - 8), CultureInfo.InvariantCulture, out var i) && i < entries.Count
            ? (field.EndsWith(".Minutes", StringComparison.Ordinal) ? MinutesField : StatusField) + entries[i].PersonId.ToString(CultureInfo.InvariantCulture)
            : field;
}
