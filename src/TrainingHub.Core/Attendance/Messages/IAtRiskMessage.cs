using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Attendance.Messages;

/// <summary>A session the person missed, as an at-risk alert lists it.</summary>
public sealed record MissedSession(string Title, DateTime StartsAt);

/// <summary>
/// An at-risk alert (partial _Risk.cshtml): either the minimum can no longer be reached (the hours still possible
/// against those needed) or two sessions in a row were missed (listed).
/// </summary>
public interface IAtRiskMessage : IEmailMessage
{
    string Person { get; }
    string Offering { get; }
    string OfferingCode { get; }
    AtRiskCondition Condition { get; }
    int PossibleMinutes { get; }
    int NeededMinutes { get; }
    int MinPercent { get; }
    IReadOnlyList<MissedSession> Missed { get; }
}
