using System.Text.Json.Serialization;

namespace TrainingHub.Core.Attendance.Messages;

/// <summary>The class ended and the person did not meet its completion rule.</summary>
public sealed record EnrolmentFailed(string Person, string Offering, string OfferingCode,
    [property: JsonConverter(typeof(CompletionReasonJson))] CompletionReason? Reason) : ICompletionMessage
{
    public bool Essential => true;
}
