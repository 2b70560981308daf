using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Audit.Messages;

/// <summary>The scheduled verification found the audit trail tampered with: which problem, at which entry, when.</summary>
public sealed record AuditChainBroken(ChainProblem Problem, long Sequence, DateTime CheckedAt, string AuditUrl) : IEmailMessage
{
    public bool Essential => true;
}
