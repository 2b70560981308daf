namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Whether this instance's dispatcher could reach the SMTP server on its last try: set unreachable (with the error and
/// since when) when a dispatch found the server down, reachable again once a message went out. The administrator's
/// home shows it; the dispatcher logs the change once, not every run.
/// </summary>
public sealed class MailServerStatus
{
    private readonly Lock gate = new();

    public (string Error, DateTime Since)? Unreachable { get; private set; }

    /// <summary>Records the server as down; true when it was reachable before (the change worth a warning).</summary>
    public bool MarkUnreachable(string error, DateTime at)
    {
        lock (gate)
        {
            var changed = Unreachable is null;
            Unreachable = (error, Unreachable?.Since ?? at);
            return changed;
        }
    }

    /// <summary>Records the server as reachable; true when it was down before.</summary>
    public bool MarkReachable()
    {
        lock (gate)
        {
            var changed = Unreachable is not null;
            Unreachable = null;
            return changed;
        }
    }
}
