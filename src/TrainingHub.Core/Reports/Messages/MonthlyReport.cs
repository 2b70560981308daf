using System.Globalization;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Reports.Messages;

/// <summary>
/// The monthly report a subscriber asked for (essential: they asked), its XLSX attached by reference (kind
/// <see cref="QueueMonthlyReports.AttachmentKind"/>, key subscription:yyyy-MM) and built at send time.
/// </summary>
public sealed record MonthlyReport(int Subscription, ReportKind Kind, DateOnly From, DateOnly To, string Month) : IEmailMessage
{
    public bool Essential => true;

    public IReadOnlyList<OutboxAttachment> Attachments =>
        [new(QueueMonthlyReports.AttachmentKind, $"{Subscription.ToString(CultureInfo.InvariantCulture)}:{Month}")];
}
