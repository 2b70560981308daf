namespace TrainingHub.Core.Audit;

/// <summary>
/// An append-only record of a change: who, when, before, after. Entries are numbered without gaps and chained by
/// hash (each hash covers the previous one), so an edited, removed or inserted row is detected.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public long Sequence { get; set; }
    public DateTime OccurredAt { get; set; }
    public string? ActorUserId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }

    /// <summary>The organisation the change belongs to, for scoping auditors.</summary>
    public int? OrganizationId { get; set; }

    public string? BeforeJson { get; set; }
    public string? AfterJson { get; set; }
    public string? Reason { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

/// <summary>The single row that serialises appends to the chain: every writer updates it first, in its transaction.</summary>
public class AuditChainHead
{
    public int Id { get; set; }
    public long LastSequence { get; set; }
    public required string LastHash { get; set; }
}
