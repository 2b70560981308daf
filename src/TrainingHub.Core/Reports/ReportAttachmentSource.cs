using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Reports;

/// <summary>
/// The outbox's attachment source for monthly reports (key <c>{subscription}:{yyyy-MM}</c>): builds the XLSX at send
/// time with <see cref="BuildReport"/> and <see cref="ReportXlsx"/>, in the subscriber's language and with the
/// subscriber's scope as it is then. <paramref name="translator"/> gives the host's message lookup for a language.
/// </summary>
public sealed class ReportAttachmentSource(TimeProvider time, Func<string, Func<string, string>> translator) : IOutboxAttachmentSource
{
    public string Kind => QueueMonthlyReports.AttachmentKind;

    public async Task<EmailAttachment?> LoadAsync(TrainingHubDbContext db, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var id)
            || !DateOnly.TryParseExact(parts[1] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            return null;
        }

        var s = await db.ReportSubscriptions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null || await SubscriberScope.LoadAsync(db, s.UserId, ct) is not { } scope)
        {
            return null;
        }

        var f = ReportSubscriptionFilters.FromJson(s.FiltersJson);
        var request = new ReportRequest(s.Kind, from, from.AddMonths(1).AddDays(-1), f.ProgrammeId, f.OrganizationId, f.OfferingId);
        var result = await BuildReport.HandleAsync(db, scope, time, request, ct);
        if (!result.Succeeded)
        {
            return null;
        }

        var en = s.Language == Languages.English;
        var translate = translator(en ? Languages.English : Languages.Portuguese);
        var context = new ExportContext(translate, s.Email, time.GetUtcNow().UtcDateTime, CultureInfo.GetCultureInfo(en ? "en" : "pt-BR"));
        using var buffer = new MemoryStream();
        await ReportXlsx.WriteAsync(result.Value!, context, translate("Report.Kind." + s.Kind), buffer, ct);
        return new EmailAttachment(FileName(s.Kind, parts[1], en), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer.ToArray());
    }

    public static string FileName(ReportKind kind, string month, bool en)
    {
        var slug = string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
        return $"{(en ? "report" : "relatorio")}-{slug}-{month}.xlsx";
    }
}
