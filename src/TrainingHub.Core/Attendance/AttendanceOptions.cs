namespace TrainingHub.Core.Attendance;

/// <summary>Configuration section "Attendance".</summary>
public sealed class AttendanceOptions
{
    /// <summary>Largest absence-justification document accepted, in bytes (5 MB by default).</summary>
    public int JustificationMaxBytes { get; set; } = 5 * 1024 * 1024;
}
