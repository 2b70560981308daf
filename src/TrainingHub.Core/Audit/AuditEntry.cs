namespace TrainingHub.Core.Audit;

/// <summary>
/// An append-only record of a change: who, when, before, after. A business transaction only inserts it (no number, no
/// hash); the sealer (<see cref="SealAuditEntries"/>) later numbers committed entries without gaps in the order it seals
/// them and chains them with a keyed hash (each covers the previous one), so an edited, removed, inserted or reordered
/// row is detected. Entries written before sealing existed keep their plain SHA-256 chain (<see cref="AuditChain"/>).
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    /// <summary>The position in the chain, set by the sealer; null while the entry waits to be sealed.</summary>
    public long? Sequence { get; set; }
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
    public string? PreviousHash { get; set; }
    public string? Hash { get; set; }

    /// <summary>When the sealer chained the entry; null for unsealed entries and for entries of the old, unkeyed chain.</summary>
    public DateTime? SealedAt { get; set; }
}

/// <summary>
/// The chain's end as the sealer left it. Only the sealer (and the scheduled verification recording its verdict)
/// writes this row; business transactions never touch it, so its row lock is the sealers' mutex and nobody else's.
/// </summary>
public class AuditChainHead
{
    public int Id { get; set; }
    public long LastSequence { get; set; }
    public required string LastHash { get; set; }

    /// <summary>The first sequence sealed with the key; entries before it belong to the old, unkeyed chain. Null until the first seal.</summary>
    public long? KeyedFrom { get; set; }

    /// <summary>The last scheduled verification: when, and the problem found (null: intact) with the entry it concerns.</summary>
    public DateTime? VerifiedAt { get; set; }
    public string? VerifiedProblem { get; set; }
    public long? VerifiedSequence { get; set; }
}
