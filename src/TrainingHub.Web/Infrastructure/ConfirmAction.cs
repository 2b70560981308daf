namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// A destructive button that asks first, without script: the button opens a panel that says what will happen
/// (<see cref="Consequence"/>) and holds the form that really does it. Drawn by Features/Shared/_ConfirmAction.cshtml.
/// </summary>
public sealed record ConfirmAction(string Action, string Label, string Consequence, string ConfirmLabel, string TestId)
{
    /// <summary>Hidden fields posted with the form (say, where to return).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    public bool Small { get; init; }

    /// <summary>Read by screen readers after the label (which row the button belongs to).</summary>
    public string? HiddenContext { get; init; }
}
