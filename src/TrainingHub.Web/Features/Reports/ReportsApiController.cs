using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Reports;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Reports;

public sealed record ReportColumnDto(string Key, string Title, string Type);

/// <summary>One page of a report. Hours columns carry minutes (exact integers); <c>totals</c> lines up with <c>columns</c>.</summary>
public sealed record ReportPageDto(string Kind, IReadOnlyList<ReportColumnDto> Columns, IReadOnlyList<object?[]> Rows, object?[]? Totals,
    int Page, int PageSize, int TotalCount, IReadOnlyDictionary<string, string> Filters);

[Route("api/v1/reports")]
public sealed class ReportsApiController(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    /// <summary>A report in the caller's scope (kinds: HoursByPerson, HoursByOrganization, …, AttendanceRows), paged.</summary>
    [HttpGet("{kind}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.Forbidden)]
    public async Task<ActionResult<ReportPageDto>> Get(ReportKind kind, DateOnly? from = null, DateOnly? to = null, int? programmeId = null,
        int? organizationId = null, int? offeringId = null, int page = 1, int pageSize = 100, CancellationToken ct = default)
    {
        var (p, size) = Core.Common.Page<object>.Clamp(page, pageSize);
        var result = await BuildReport.HandleAsync(db, User.Scope(), time, new ReportRequest(kind, from, to, programmeId, organizationId, offeringId), ct);
        if (!result.Succeeded)
        {
            return this.Problem(result.Error!, t);
        }

        var data = result.Value!;
        var rows = new List<object?[]>();
        await foreach (var r in data.Rows((p - 1) * size, size).WithCancellation(ct))
        {
            rows.Add(r.Select(Plain).ToArray());
        }

        return new ReportPageDto(kind.ToString(), data.Columns.Select(c => new ReportColumnDto(c.Key, t[c.Key].Value, c.Type.ToString())).ToList(),
            rows, data.Totals?.Select(Plain).ToArray(), p, size, data.RowCount,
            data.Filters.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Value.StartsWith("Report.", StringComparison.Ordinal) ? t[g.First().Value].Value : g.First().Value));
    }

    /// <summary>The whole report as CSV, XLSX or PDF, streamed, with masked CPFs.</summary>
    [HttpGet("{kind}/export.{format}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Forbidden)]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/pdf")]
    public Task<IActionResult> Export(ReportKind kind, string format, DateOnly? from = null, DateOnly? to = null, int? programmeId = null,
        int? organizationId = null, int? offeringId = null, CancellationToken ct = default) =>
        ExportAsync(format, new ReportRequest(kind, from, to, programmeId, organizationId, offeringId), ct);

    /// <summary>
    /// The whole report with full CPFs (administrators; others get masked ones): an audit entry, so a POST (with the
    /// X-CSRF-TOKEN header when riding on the sign-in cookie): a GET on this address finds nothing.
    /// </summary>
    [HttpPost("{kind}/export-full-cpf.{format}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Forbidden)]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/pdf")]
    public Task<IActionResult> ExportFullCpf(ReportKind kind, string format, DateOnly? from = null, DateOnly? to = null, int? programmeId = null,
        int? organizationId = null, int? offeringId = null, CancellationToken ct = default) =>
        ExportAsync(format, new ReportRequest(kind, from, to, programmeId, organizationId, offeringId, FullCpf: true), ct);

    /// <summary>
    /// A GET on the full-CPF export's address is refused as a wrong method (405, Allow: POST). Routing would answer 404:
    /// it treats the last segment of both export addresses as one parameter, finds the GET export there, and only then
    /// sees that "export." does not match, too late to say the address takes a POST.
    /// </summary>
    [HttpGet("{kind}/export-full-cpf.{format}")]
    [AllowAnonymous]
    [ApiExplorerSettings(IgnoreApi = true)]
    public IActionResult ExportFullCpfByGet()
    {
        Response.Headers.Allow = HttpMethods.Post;
        return StatusCode(StatusCodes.Status405MethodNotAllowed);
    }

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
            return this.Problem(result.Error!, t);
        }

        await ReportExports.WriteAsync(HttpContext, db, scope, actor, time, t, request, result.Value!, format, ct);
        return new EmptyResult();
    }

    private object? Plain(object? v) => v switch
    {
        MessageKey k => t[k.Key].Value,
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Unspecified).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
        _ => v,
    };
}
