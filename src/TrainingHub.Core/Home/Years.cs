using TrainingHub.Core.Common;

namespace TrainingHub.Core.Home;

internal static class Years
{
    /// <summary>The UTC instants bounding a calendar year in America/Sao_Paulo.</summary>
    public static (DateTime From, DateTime To) Bounds(int year) =>
        (SaoPaulo.ToUtc(new DateTime(year, 1, 1)), SaoPaulo.ToUtc(new DateTime(year + 1, 1, 1)));
}
