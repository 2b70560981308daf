namespace TrainingHub.Seeding;

/// <summary>
/// Hash-based pseudo-randomness: the same keys always give the same number, whatever was drawn before. Used for
/// choices that depend on the current date (attendance of sessions already past), so that the Bogus stream that
/// builds the structure is consumed identically on every run of the same year.
/// </summary>
internal static class StableRandom
{
    /// <summary>A number in [0, 1) determined by the three keys.</summary>
    public static double Unit(int a, int b, int c)
    {
        var x = Mix(0x5EED_2024_0318UL ^ (uint)a);
        x = Mix(x ^ ((ulong)(uint)b << 1));
        x = Mix(x ^ ((ulong)(uint)c << 2));
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>An integer in [min, max] determined by the three keys.</summary>
    public static int Between(int min, int max, int a, int b, int c) =>
        min + (int)Math.Floor(Unit(a, b, c) * (max - min + 1));

    // SplitMix64 finaliser.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
