using System.Globalization;
using Bogus;
using BogusGender = Bogus.DataSets.Name.Gender;

namespace TrainingHub.Seeding;

/// <summary>Brazilian-looking names and e-mail addresses for bulk people, combined from pools drawn once from Bogus.</summary>
internal sealed class BulkNames
{
    private const int PoolSize = 240;
    private readonly string[] first = new string[PoolSize];
    private readonly string[] firstSlug = new string[PoolSize];
    private readonly string[] last = new string[PoolSize];
    private readonly string[] lastSlug = new string[PoolSize];

    public BulkNames()
    {
        var faker = new Faker("pt_BR") { Random = new Randomizer(DemoWorld.Seed + 1) };
        for (var i = 0; i < PoolSize; i++)
        {
            first[i] = faker.Name.FirstName(i % 2 == 0 ? BogusGender.Female : BogusGender.Male);
            last[i] = faker.Name.LastName();
            firstSlug[i] = DemoIdentifiers.Slug(first[i], '.');
            lastSlug[i] = DemoIdentifiers.Slug(last[i], '.');
        }
    }

    /// <summary>A name and a unique address for person <paramref name="id"/> (the id makes the address unique).</summary>
    public (string FullName, string Email) For(long id)
    {
        var f = (int)(id * 31 % PoolSize);
        var m = (int)((id * 17 + 3) % PoolSize);
        var l = (int)((id * 7 + id / PoolSize) % PoolSize);
        return ($"{first[f]} {last[m]} {last[l]}",
            string.Create(CultureInfo.InvariantCulture, $"{firstSlug[f]}.{lastSlug[l]}.{id}@bulk.example.gov.br"));
    }
}
