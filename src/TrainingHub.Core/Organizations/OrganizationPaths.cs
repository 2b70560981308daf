using System.Globalization;

namespace TrainingHub.Core.Organizations;

public static class OrganizationPaths
{
    public static string For(int id, string? parentPath) =>
        (parentPath ?? "/") + id.ToString(CultureInfo.InvariantCulture) + "/";
}
