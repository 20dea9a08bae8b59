using Mrv.EventStore.Serialization;

namespace Mrv.EventStore.Tests;

/// <summary>The hash covers data in PostgreSQL's jsonb text form; our writer must produce exactly that.</summary>
public sealed class CanonicalJsonTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    public static TheoryData<string> Documents => new()
    {
        """{"b": 1, "a": 2, "aa": 3, "B": 4}""",
        """{"dup": 1, "dup": 2}""",
        """[1.50, 1e2, 1.5E-5, -0, -0.0, 0.001e3, 123e-2, 1.50e1, 12345678901234567890.123456789, -7]""",
        """{"text": "quote \" backslash \\ slash / tab \t newline \n cr \r bell \u0007 del \u007f", "zh": "内蒙古自治区发展和改革委员会", "emoji": "\ud83c\udf32"}""",
        """{"nested": {"z": [], "y": {}, "x": [{"k": null, "j": true, "i": false}]}, "empty": ""}""",
        """  { "spaced"  :  [ 1 ,2 , 3 ] }  """,
        """ "just a string" """,
        """-12.3400""",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task canonical_json_is_what_postgresql_prints_for_jsonb(string json)
    {
        await using var command = store.AppDataSource.CreateCommand("select $1::jsonb::text");
        command.Parameters.Add(new() { Value = json });
        var postgres = (string)(await command.ExecuteScalarAsync())!;

        CanonicalJson.Canonicalize(json).ShouldBe(postgres);
    }

    [Fact]
    public void a_nul_character_is_refused_before_it_reaches_the_database()
    {
        Should.Throw<System.Text.Json.JsonException>(() => CanonicalJson.Canonicalize("""{"a": "x\u0000y"}"""));
    }
}
