using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.Reports;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Reports;

public sealed record ReportViewModel(
    ReportRequest Request,
    ReportData? Data,
    IReadOnlyList<object?[]> Rows,
    PagerModel? Pager,
    string? Error,
    IReadOnlyList<(int Id, string Name)> Programmes,
    IReadOnlyList<(int Id, string Name)> Organizations,
    bool MayAskFullCpf,
    string ExportQuery);

/// <summary>Training-hour reports for administrators and auditors, in their scope: filters, paging, charts and exports.</summary>
[Route("reports")]
public sealed class ReportsController(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Index(ReportKind kind = ReportKind.HoursByPerson, DateOnly? from = null, DateOnly? to = null, int? programmeId = null,
        int? organizationId = null, int? offeringId = null, int page = 1, CancellationToken ct = default)
    {
        var scope = User.Scope();
        var request = new ReportRequest(kind, from, to, programmeId, organizationId, offeringId, false, page, 50);
        var result = await BuildReport.HandleAsync(db, scope, time, request, ct);
        if (result.Error is { } error && ErrorResponses.EndsTheScreen(error))
        {
            return this.Page(error);
        }

        if (result.Error is not null)
        {
            Response.StatusCode = ErrorResponses.Status(result.Error.Kind);
        }

        var rows = new List<object?[]>();
        PagerModel? pager = null;
        if (result.Succeeded)
        {
            var data = result.Value!;
            var (p, size) = Core.Common.Page<object>.Clamp(page, 50);
            await foreach (var r in data.Rows((p - 1) * size, size).WithCancellation(ct))
            {
                rows.Add(r);
            }

            pager = PagerModel.From(new Core.Common.Page<object?[]>(rows, p, size, data.RowCount), Request);
        }

        var query = Request.QueryString.Value ?? "";
        return View(new ReportViewModel(request, result.Value, rows, pager,
            result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => FieldErrors.Message(e, t))),
            await ListProgrammes.OptionsAsync(db, scope, ct), await ListOrganizations.OptionsAsync(db, scope, ct),
            scope.MaySeeFullCpf, query));
    }

    /// <summary>An export with masked CPFs: reading only, so a link may start it.</summary>
    [HttpGet("export")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public Task<IActionResult> Export(string format, ReportKind kind = ReportKind.HoursByPerson, DateOnly? from = null, DateOnly? to = null,
        int? programmeId = null, int? organizationId = null, int? offeringId = null, CancellationToken ct = default) =>
        ExportAsync(format, new ReportRequest(kind, from, to, programmeId, organizationId, offeringId), ct);

    /// <summary>
    /// An export with full CPFs (administrators; others get masked ones) writes an audit entry, so it is a form post
    /// with its antiforgery token: a link on another site cannot start it (a GET on this address finds nothing).
    /// </summary>
    [HttpPost("export-full-cpf")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public Task<IActionResult> ExportFullCpf(string format, ReportKind kind = ReportKind.HoursByPerson, DateOnly? from = null, DateOnly? to = null,
        int? programmeId = null, int? organizationId = null, int? offeringId = null, CancellationToken ct = default) =>
        ExportAsync(format, new ReportRequest(kind, from, to, programmeId, organizationId, offeringId, FullCpf: true), ct);

    private async Task<IActionResult> ExportAsync(string format, ReportRequest request, CancellationToken ct)
    {
        format = (format ?? "").ToLowerInvariant();
        if (!ReportExports.Formats.Contains(format))
        {
            return NotFound();
        }

        var scope = User.Scope();
        var result = await BuildReport.HandleAsync(db, scope, time, request, ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, "/reports" + Request.QueryString);
        }

        await ReportExports.WriteAsync(HttpContext, db, scope, actor, time, t, request, result.Value!, format, ct);
        return new EmptyResult();
    }
}
