namespace TrainingHub.Core.Audit;

/// <summary>Who is making the current change. The web host supplies the signed-in user; jobs act as the system.</summary>
public interface IAuditActor
{
    string? UserId { get; }
    string Name { get; }

    /// <summary>A reason given for the change in progress (for example a correction after a session was closed).</summary>
    string? Reason { get; set; }
}

public sealed class SystemAuditActor : IAuditActor
{
    public string? UserId => null;
    public string Name => "system";
    public string? Reason { get; set; }
}
