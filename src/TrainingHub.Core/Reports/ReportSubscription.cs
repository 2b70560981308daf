namespace TrainingHub.Core.Reports;

/// <summary>
/// An administrator's or auditor's standing order for a report by email each month (the previous calendar month, as
/// XLSX). The filters are those of the reports screen when they subscribed; the scope is the account's own, read
/// again at every sending, so a report never carries data outside what the subscriber may see that day.
/// </summary>
public sealed class ReportSubscription
{
    public int Id { get; set; }

    /// <summary>The subscriber's account (Identity user id); the report is built with this account's scope.</summary>
    public required string UserId { get; set; }

    public int? PersonId { get; set; }
    public required string Email { get; set; }
    public required string Language { get; set; }
    public ReportKind Kind { get; set; }

    /// <summary>Programme, organisation and class filters as JSON (<see cref="ReportSubscriptionFilters"/>).</summary>
    public required string FiltersJson { get; set; }

    /// <summary>The subscriber's scope organisation when they subscribed (null: the whole installation), for the record.</summary>
    public int? ScopeOrganizationId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
}

public sealed record ReportSubscriptionFilters(int? ProgrammeId = null, int? OrganizationId = null, int? OfferingId = null)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);

    public static ReportSubscriptionFilters FromJson(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<ReportSubscriptionFilters>(json, Json) ?? new ReportSubscriptionFilters();
}
