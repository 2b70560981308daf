using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Attendance.Messages;

/// <summary>The outcome of a class for the person: the attendance measured against the rule (partial _Outcome.cshtml).</summary>
public interface ICompletionMessage : IEmailMessage
{
    string Person { get; }
    string Offering { get; }
    string OfferingCode { get; }
    CompletionReason? Reason { get; }
}
