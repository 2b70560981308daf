using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Attendance.Messages;

/// <summary>A decision on an absence justification (partial _Justification.cshtml shows the class, session and note).</summary>
public interface IJustificationMessage : IEmailMessage
{
    string Person { get; }
    string Offering { get; }
    string OfferingCode { get; }
    string Session { get; }
    DateTime SessionStartsAt { get; }
    string? Reason { get; }
}
