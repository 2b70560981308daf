using System.Globalization;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Data;
using TrainingHub.Core.Reports;

namespace TrainingHub.Web.Features.Reports;

/// <summary>Writes a report as CSV, XLSX or PDF straight to the response body, shared by the screen and the API.</summary>
public static class ReportExports
{
    public static readonly string[] Formats = ["csv", "xlsx", "pdf"];

    public static async Task WriteAsync(HttpContext http, TrainingHubDbContext db, ReaderScope scope, IAuditActor actor, TimeProvider time,
        IStringLocalizer t, ReportRequest request, ReportData data, string format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(t);
        if (data.FullCpf)
        {
            // Recorded before the first byte leaves, so an interrupted download is audited too.
            await RecordFullCpfExport.HandleAsync(db, scope, actor, time, request, format, data.RowCount, ct);
        }

        var context = new ExportContext(k => t[k].Value, http.User.FindFirst("name")?.Value ?? http.User.Identity?.Name ?? "?", time.GetUtcNow().UtcDateTime, CultureInfo.CurrentCulture);
        var title = t["Report.Kind." + data.Kind].Value;
        var name = string.Create(CultureInfo.InvariantCulture, $"{data.Kind}-{data.From:yyyyMMdd}-{data.To:yyyyMMdd}.{format}");
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        http.Response.Headers.CacheControl = "no-store";
        switch (format)
        {
            case "xlsx":
                http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                await ReportXlsx.WriteAsync(data, context, title, http.Response.Body, ct);
                break;
            case "pdf":
                http.Response.ContentType = "application/pdf";
                await ReportPdf.WriteAsync(data, context, title, http.Response.Body, ct);
                break;
            default:
                http.Response.ContentType = "text/csv; charset=utf-8";
                await ReportCsv.WriteAsync(data, context, http.Response.Body, ct);
                break;
        }
    }

    /// <summary>How a cell reads on screen: the same as in the PDF, in the reader's culture.</summary>
    public static string Show(ColumnType type, object? value, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return ReportPdf.Cell(type, value, new ExportContext(k => t[k].Value, "", default, CultureInfo.CurrentCulture));
    }
}
