using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Catalog.Offerings;

public sealed record OfferingViewModel(OfferingDetail Offering, bool CanEdit);

/// <summary>The fields a class and a series share, with the choices the form offers.</summary>
public sealed record OfferingFieldsModel(IOfferingRequest Form, IReadOnlyList<(int Id, string Name)> Instructors, IReadOnlyList<(int Id, string Name)> Organizations);

public sealed record ClassFormViewModel(int? Id, ClassRequest Form, string CourseTitle, OfferingFieldsModel Fields);

public sealed record SeriesFormViewModel(int? Id, SeriesRequest Form, IReadOnlyList<(int Id, string Name)> Programmes, bool ProgrammeOptional, OfferingFieldsModel Fields);

public sealed record CopyFormViewModel(OfferingDetail Offering, CopyClassRequest Form);

public sealed record MonthlyFormViewModel(OfferingDetail Offering, MonthlySessionsRequest Form);

[Route("offerings")]
public sealed class OfferingsController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>Announces a series' programme for one month ("yyyy-MM") to everyone who may take part.</summary>
    [HttpPost("{id:int}/announce")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Announce(int id, string? month, CancellationToken ct)
    {
        var ok = DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var m);
        var result = ok
            ? await AnnounceMonthlyProgramme.HandleAsync(db, User.Scope(), time, new AnnounceRequest(id, m.Year, m.Month), ct)
            : Error.Validation("Month", "Announce.MonthInvalid");
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, $"/offerings/{id}");
        }

        TempData["Flash"] = t.Count("Announce.Done", result.Value!.Queued, t.Count("Announce.Sessions", result.Value.Sessions).Value, t.Count("Announce.AlreadyTold", result.Value.AlreadyAnnounced).Value).Value;
        return Redirect($"/offerings/{id}");
    }

    [HttpGet("{id:int}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Show(int id, CancellationToken ct) =>
        await GetOffering.HandleAsync(db, User.Scope(), id, ct) is { } o ? View(new OfferingViewModel(o, User.Scope().IsAdministrator)) : NotFound();

    [HttpGet("new-class")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> CreateClass(int courseId, CancellationToken ct)
    {
        var form = new ClassRequest(courseId, null, null, null, null, null, null, null, null, false, OfferingStatus.Draft, [], Eligibility.Everyone, [], []);
        return await ClassFormAsync(null, form, ct) is { } vm ? View("EditClass", vm) : NotFound();
    }

    [HttpPost("new-class")]
    [Authorize(Policy = Policies.Administrator)]
    public Task<IActionResult> CreateClass([Bind(Prefix = "Form")] ClassRequest form, CancellationToken ct) => SaveClassAsync(null, form, ct);

    [HttpGet("new-series")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> CreateSeries(int? programmeId, CancellationToken ct)
    {
        var form = new SeriesRequest(programmeId, null, null, null, null, null, null, null, null, null, null, false, OfferingStatus.Draft, [], Eligibility.Everyone, [], []);
        return View("EditSeries", await SeriesFormAsync(null, form, ct));
    }

    [HttpPost("new-series")]
    [Authorize(Policy = Policies.Administrator)]
    public Task<IActionResult> CreateSeries([Bind(Prefix = "Form")] SeriesRequest form, CancellationToken ct) => SaveSeriesAsync(null, form, ct);

    [HttpGet("{id:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var o = await GetOffering.HandleAsync(db, User.Scope(), id, ct);
        if (o is null)
        {
            return NotFound();
        }

        return o.IsClass
            ? await ClassFormAsync(id, o.ToClassRequest(), ct) is { } vm ? View("EditClass", vm) : NotFound()
            : View("EditSeries", await SeriesFormAsync(id, o.ToSeriesRequest(), ct));
    }

    [HttpPost("{id:int}/edit-class")]
    [Authorize(Policy = Policies.Administrator)]
    public Task<IActionResult> EditClass(int id, [Bind(Prefix = "Form")] ClassRequest form, CancellationToken ct) => SaveClassAsync(id, form, ct);

    [HttpPost("{id:int}/edit-series")]
    [Authorize(Policy = Policies.Administrator)]
    public Task<IActionResult> EditSeries(int id, [Bind(Prefix = "Form")] SeriesRequest form, CancellationToken ct) => SaveSeriesAsync(id, form, ct);

    [HttpGet("{id:int}/copy")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Copy(int id, CancellationToken ct) =>
        await GetOffering.HandleAsync(db, User.Scope(), id, ct) is { } o ? View(new CopyFormViewModel(o, new CopyClassRequest(null, null, o.Title))) : NotFound();

    [HttpPost("{id:int}/copy")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Copy(int id, [Bind(Prefix = "Form")] CopyClassRequest form, CancellationToken ct)
    {
        var result = await CopyClass.HandleAsync(db, User.Scope(), time, id, form, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear(); // the use case checks every field: its messages replace the binder's
            return await this.FormAsync(result.Error!, t, async () =>
                await GetOffering.HandleAsync(db, User.Scope(), id, ct) is { } o ? View(new CopyFormViewModel(o, form)) : NotFound(), "Form.");
        }

        TempData["Flash"] = t["Offering.Copied", form.Code ?? ""].Value;
        return Redirect($"/offerings/{result.Value}");
    }

    [HttpPost("{id:int}/cancel")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Cancel(int id, CancellationToken ct)
    {
        var result = await CancelOffering.HandleAsync(db, User.Scope(), time, id, ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, $"/offerings/{id}");
        }

        TempData["Flash"] = t.Count("Offering.CancelledFlash", result.Value).Value;
        return Redirect($"/offerings/{id}");
    }

    [HttpGet("{id:int}/monthly-sessions")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Monthly(int id, CancellationToken ct) =>
        await GetOffering.HandleAsync(db, User.Scope(), id, ct) is { IsClass: false } o
            ? View(new MonthlyFormViewModel(o, new MonthlySessionsRequest(null, "19:00", "2", null, MonthlyRule.SameWeekday, 6, o.Title, o.ChannelUrl)))
            : NotFound();

    [HttpPost("{id:int}/monthly-sessions")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Monthly(int id, [Bind(Prefix = "Form")] MonthlySessionsRequest form, CancellationToken ct)
    {
        var result = await CreateMonthlySessions.HandleAsync(db, User.Scope(), time, id, form, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear(); // the use case checks every field: its messages replace the binder's
            return await this.FormAsync(result.Error!, t, async () =>
                await GetOffering.HandleAsync(db, User.Scope(), id, ct) is { } o ? View(new MonthlyFormViewModel(o, form)) : NotFound(), "Form.");
        }

        var done = result.Value!;
        TempData["Flash"] = t.Count("Offering.SeriesSessionsCreated", done.Created).Value
            + (done.PeriodChanged ? " " + t["Offering.SeriesPeriodMoved", SaoPaulo.FormatDate(done.StartsOn), SaoPaulo.FormatDate(done.EndsOn)].Value : "");
        return Redirect($"/offerings/{id}");
    }

    private async Task<OfferingFieldsModel> FieldsAsync(IOfferingRequest form, CancellationToken ct) =>
        new(form, await OfferingOptions.InstructorsAsync(db, User.Scope(), form.InstructorIds ?? [], ct), await OfferingOptions.OrganizationsAsync(db, ct));

    private async Task<ClassFormViewModel?> ClassFormAsync(int? id, ClassRequest form, CancellationToken ct)
    {
        var course = form.CourseId is { } courseId ? await OfferingOptions.CourseTitleAsync(db, User.Scope(), courseId, ct) : null;
        return course is null ? null : new ClassFormViewModel(id, form, course, await FieldsAsync(form, ct));
    }

    private async Task<SeriesFormViewModel> SeriesFormAsync(int? id, SeriesRequest form, CancellationToken ct) =>
        new(id, form, await ListProgrammes.OptionsAsync(db, User.Scope(), ct), User.Scope().IsWholeInstallation, await FieldsAsync(form, ct));

    private async Task<IActionResult> SaveClassAsync(int? id, ClassRequest form, CancellationToken ct)
    {
        var result = await SaveClass.HandleAsync(db, User.Scope(), time, id, form, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear(); // the use case checks every field: its messages replace the binder's
            return await this.FormAsync(result.Error!, t, async () => await ClassFormAsync(id, form, ct) is { } vm ? View("EditClass", vm) : NotFound(), "Form.");
        }

        TempData["Flash"] = t["Offering.Saved", form.Title ?? ""].Value;
        return Redirect($"/offerings/{result.Value}");
    }

    private async Task<IActionResult> SaveSeriesAsync(int? id, SeriesRequest form, CancellationToken ct)
    {
        var result = await SaveWebinarSeries.HandleAsync(db, User.Scope(), time, id, form, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear(); // the use case checks every field: its messages replace the binder's
            return await this.FormAsync(result.Error!, t, async () => View("EditSeries", await SeriesFormAsync(id, form, ct)), "Form.");
        }

        TempData["Flash"] = t["Offering.Saved", form.Title ?? ""].Value;
        return Redirect($"/offerings/{result.Value}");
    }
}
