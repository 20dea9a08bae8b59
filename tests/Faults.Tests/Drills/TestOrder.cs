using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mrv.Faults.Tests.Drills;

/// <summary>Where a test runs among its class's tests, for drills whose later steps change what earlier ones look at (a stopped node).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TestOrderAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}

/// <summary>Runs a class's tests by their <see cref="TestOrderAttribute"/>.</summary>
public sealed class ByTestOrder : ITestCaseOrderer
{
    public const string Name = "Mrv.Faults.Tests.Drills.ByTestOrder";
    public const string Assembly = "Mrv.Faults.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(c => c.TestMethod.Method.GetCustomAttributes(typeof(TestOrderAttribute).AssemblyQualifiedName)
            .Select(a => a.GetNamedArgument<int>(nameof(TestOrderAttribute.Order)))
            .DefaultIfEmpty(int.MaxValue)
            .First());
}
