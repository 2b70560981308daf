namespace TrainingHub.Core.Common;

public static class Languages
{
    public const string Portuguese = "pt-BR";
    public const string English = "en";
    public static readonly IReadOnlyList<string> All = [Portuguese, English];

    public static bool IsSupported(string? code) => code is Portuguese or English;
}
