using System.Globalization;
using TrainingHub.Core.Common;

namespace TrainingHub.IntegrationTests.Infrastructure;

public static class Data
{
    private static int counter = Environment.ProcessId % 1000 * 100_000;

    /// <summary>A valid CPF no other test (or the demo data, which uses other prefixes) has used in this run.</summary>
    public static string NewCpf() =>
        Cpf.FromBase("9" + Interlocked.Increment(ref counter).ToString("D8", CultureInfo.InvariantCulture));
}
