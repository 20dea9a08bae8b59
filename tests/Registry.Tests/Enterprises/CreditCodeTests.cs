using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Tests.Enterprises;

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("91440300708461136T")]
    public void published_credit_codes_pass_the_gb_32100_check(string code) => CreditCode.IsValid(code).ShouldBeTrue();

    [Fact]
    public void changing_any_one_character_breaks_the_check()
    {
        const string code = "91350100M000100Y43";
        for (var i = 0; i < code.Length; i++)
        {
            foreach (var other in CreditCode.Charset.Where(c => c != code[i]))
            {
                CreditCode.IsValid(code[..i] + other + code[(i + 1)..]).ShouldBeFalse($"position {i + 1} changed to {other}");
            }
        }
    }

    [Theory]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100M000100Y433")]
    [InlineData("91350100I000100Y43")]
    [InlineData("91350100O000100Y43")]
    [InlineData("91350100m000100Y43")]
    public void wrong_length_letters_outside_the_charset_and_lower_case_are_refused(string code) => CreditCode.IsValid(code).ShouldBeFalse();

    [Fact]
    public void a_check_value_of_31_is_written_as_zero()
    {
        var withZero = Enumerable.Range(0, 5000).Select(i => CreditCode.Complete($"911502{i:D11}")).First(c => c[^1] == '0');

        CreditCode.IsValid(withZero).ShouldBeTrue();
    }

    [Fact]
    public void the_enterprise_id_follows_from_the_credit_code_alone()
    {
        var id = CreditCode.EnterpriseIdFor("91350100M000100Y43");

        CreditCode.EnterpriseIdFor("91350100M000100Y43").ShouldBe(id);
        CreditCode.EnterpriseIdFor("91110000600037341L").ShouldNotBe(id);
        id.ToString()[14].ShouldBe('8', "a name-based UUID of version 8");
    }
}
