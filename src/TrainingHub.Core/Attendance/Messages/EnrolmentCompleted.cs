using System.Text.Json.Serialization;

namespace TrainingHub.Core.Attendance.Messages;

/// <summary>
/// The class ended and the person met its completion rule. When the programme evaluates its courses and the evaluation
/// is open for the person, the email links to it (<see cref="EvaluationPath"/>, made absolute with App:PublicUrl).
/// </summary>
public sealed record EnrolmentCompleted(string Person, string Offering, string OfferingCode,
    [property: JsonConverter(typeof(CompletionReasonJson))] CompletionReason? Reason,
    string? EvaluationPath = null, DateTime? EvaluationClosesAt = null, bool EvaluationRequired = false) : ICompletionMessage
{
    public bool Essential => true;
}
