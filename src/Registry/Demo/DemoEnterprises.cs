using System.Security.Cryptography;
using System.Text;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Regions;

namespace Mrv.Registry.Demo;

/// <summary>
/// The demo province's enterprises: five per league/city, in the industries the seed documents name
/// (coal power, steel and ferroalloy, cement, calcium carbide, caustic soda, synthetic ammonia,
/// non-ferrous). Names, codes and contacts are invented; any likeness to a real company is chance.
/// </summary>
public static class DemoEnterprises
{
    /// <summary>An industry profile: its sector, GB/T 4754 class, name ending, and what the demo gives it.</summary>
    public sealed record Kind(
        string Industry, string Gbt4754Code, string SuffixZh, string SuffixEn, int[] CoveredYears, string? Tier,
        IReadOnlyList<(string Code, string NameZh)> Facilities, IReadOnlyList<Enterprise.AddSource> Sources);

    static readonly Enterprise.AddSource[] PowerSources =
    [
        new("G1-COAL", "G1", SourceTypes.FuelCombustion, "bituminous", "t", "1号机组入炉煤", null, "入炉煤皮带秤", DemoData.Seeder),
        new("G1-OIL", "G1", SourceTypes.FuelCombustion, "diesel", "t", "1号机组点火用油", null, "油罐液位计", DemoData.Seeder),
        new("G2-COAL", "G2", SourceTypes.FuelCombustion, "bituminous", "t", "2号机组入炉煤", null, "入炉煤皮带秤", DemoData.Seeder),
        new("GRID-ELEC", "G1", SourceTypes.PurchasedElectricity, null, "MWh", "厂用外购电", null, "关口电能表", DemoData.Seeder),
    ];

    /// <summary>Coal power has been in the national market since its first years; the demo shows 2023 and 2024.</summary>
    public static readonly Kind CoalPower = new("power", "4411", "热电有限责任公司", "Thermal Power Co., Ltd.", [2023, 2024], null,
        [("G1", "1号机组"), ("G2", "2号机组")], PowerSources);

    /// <summary>Steel, cement and aluminium joined the national market with their 2024 emissions.</summary>
    public static readonly Kind Steel = new("steel", "3120", "钢铁有限公司", "Iron and Steel Co., Ltd.", [2024], KeyEnergyUnitTiers.Qianjia,
        [("BF1", "1号高炉")],
        [
            new("BF1-COKE", "BF1", SourceTypes.FuelCombustion, "coke", "t", "1号高炉焦炭", null, "焦炭皮带秤", DemoData.Seeder),
            new("BF1-BFG", "BF1", SourceTypes.FuelCombustion, "bf_gas", "10^4 Nm3", "高炉煤气", null, "煤气流量计", DemoData.Seeder),
        ]);

    public static readonly Kind Cement = new("building_materials", "3011", "水泥有限公司", "Cement Co., Ltd.", [2024], KeyEnergyUnitTiers.Wanjia,
        [("KILN1", "1号熟料生产线")],
        [
            new("KILN1-COAL", "KILN1", SourceTypes.FuelCombustion, "bituminous", "t", "窑头窑尾用煤", null, "煤粉计量秤", DemoData.Seeder),
            new("KILN1-CLINKER", "KILN1", SourceTypes.Process, "portland_clinker", "t", "熟料生产", null, "熟料产量计量", DemoData.Seeder),
        ]);

    public static readonly Kind Aluminium = new("nonferrous", "3216", "铝业有限公司", "Aluminium Co., Ltd.", [2024], KeyEnergyUnitTiers.Qianjia,
        [("POT1", "1号电解系列")],
        [
            new("POT1-ELEC", "POT1", SourceTypes.PurchasedElectricity, null, "MWh", "电解系列外购电", null, "关口电能表", DemoData.Seeder),
            new("POT1-GAS", "POT1", SourceTypes.FuelCombustion, "natural_gas", "10^4 Nm3", "阳极焙烧用天然气", null, "天然气流量计", DemoData.Seeder),
        ]);

    public static readonly Kind Copper = new("nonferrous", "3211", "铜业有限公司", "Copper Co., Ltd.", [], KeyEnergyUnitTiers.Wanjia,
        [("SMELT1", "1号熔炼系统")],
        [
            new("SMELT1-ELEC", "SMELT1", SourceTypes.PurchasedElectricity, null, "MWh", "熔炼系统外购电", null, "关口电能表", DemoData.Seeder),
            new("SMELT1-GAS", "SMELT1", SourceTypes.FuelCombustion, "natural_gas", "10^4 Nm3", "熔炼用天然气", null, "天然气流量计", DemoData.Seeder),
        ]);

    /// <summary>Coke is the reductant of a submerged-arc furnace; the demo accounts it as fuel combustion.</summary>
    public static readonly Kind Ferroalloy = new("steel", "3140", "硅铁合金有限公司", "Ferroalloy Co., Ltd.", [], KeyEnergyUnitTiers.Wanjia,
        [("FURNACE1", "1号矿热炉")],
        [
            new("FURNACE1-ELEC", "FURNACE1", SourceTypes.PurchasedElectricity, null, "MWh", "矿热炉外购电", null, "关口电能表", DemoData.Seeder),
            new("FURNACE1-COKE", "FURNACE1", SourceTypes.FuelCombustion, "coke", "t", "还原剂焦炭", null, "焦炭皮带秤", DemoData.Seeder),
        ]);

    public static readonly Kind CalciumCarbide = new("chemical", "2619", "电石化工有限公司", "Calcium Carbide Chemical Co., Ltd.", [], KeyEnergyUnitTiers.Qianjia,
        [("FURNACE1", "1号电石炉"), ("LIME1", "1号石灰窑")],
        [
            new("FURNACE1-ELEC", "FURNACE1", SourceTypes.PurchasedElectricity, null, "MWh", "电石炉外购电", null, "关口电能表", DemoData.Seeder),
            new("FURNACE1-COKE", "FURNACE1", SourceTypes.FuelCombustion, "coke", "t", "电石炉焦炭", null, "焦炭皮带秤", DemoData.Seeder),
            new("LIME1-CALCITE", "LIME1", SourceTypes.Process, "calcite", "t", "石灰石煅烧", null, "石灰石入窑计量秤", DemoData.Seeder),
        ]);

    public static readonly Kind CausticSoda = new("chemical", "2612", "氯碱化工有限公司", "Chlor-Alkali Chemical Co., Ltd.", [], KeyEnergyUnitTiers.Wanjia,
        [("CELL1", "离子膜电解装置")],
        [
            new("CELL1-ELEC", "CELL1", SourceTypes.PurchasedElectricity, null, "MWh", "电解外购电", null, "关口电能表", DemoData.Seeder),
            new("CELL1-STEAM", "CELL1", SourceTypes.PurchasedHeat, null, "GJ", "蒸发用外购蒸汽", null, "蒸汽流量计", DemoData.Seeder),
        ]);

    /// <summary>Coal is feedstock and fuel of a coal-gasification ammonia plant; the demo accounts all of it as fuel combustion.</summary>
    public static readonly Kind Ammonia = new("chemical", "2621", "合成氨化肥有限公司", "Ammonia Fertiliser Co., Ltd.", [], KeyEnergyUnitTiers.Qianjia,
        [("GASIFIER1", "1号煤气化装置")],
        [
            new("GASIFIER1-COAL", "GASIFIER1", SourceTypes.FuelCombustion, "bituminous", "t", "原料煤及燃料煤", null, "入炉煤皮带秤", DemoData.Seeder),
            new("GASIFIER1-ELEC", "GASIFIER1", SourceTypes.PurchasedElectricity, null, "MWh", "外购电", null, "关口电能表", DemoData.Seeder),
        ]);

    public sealed record Demo(string LeagueCode, string CountyCode, string BrandZh, string BrandEn, Kind Kind)
    {
        public League League => Leagues.Find(LeagueCode)!;

        public string CreditCode => Enterprises.CreditCode.Complete("91" + CountyCode + "MA" + OrganisationSuffix(BrandEn + CountyCode));

        public Guid Id => Enterprises.CreditCode.EnterpriseIdFor(CreditCode);

        public Enterprise.Register Registration(int index) => new(
            Id, CreditCode,
            League.NameZh.TrimEnd('市', '盟') + BrandZh + Kind.SuffixZh,
            $"{League.NameEn.Replace(" League", "")} {BrandEn} {Kind.SuffixEn}",
            LeagueCode, CountyCode, Kind.Industry, Kind.Gbt4754Code,
            $"内蒙古自治区{League.NameZh}{BrandZh}工业园区{index % 9 + 1}号",
            Surnames[index % Surnames.Length] + GivenNames[index * 7 % GivenNames.Length],
            $"{AreaCodes[LeagueCode]}-5550{index:000}",
            DemoData.Seeder);
    }

    static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡"];
    static readonly string[] GivenNames = ["建华", "海燕", "志强", "丽娟", "国庆", "晓东", "雅琴", "文斌", "红梅", "永刚", "秀英", "德明", "春生"];

    /// <summary>The long-distance area codes of the leagues/cities, for plausible contact numbers.</summary>
    static readonly Dictionary<string, string> AreaCodes = new()
    {
        ["150100"] = "0471", ["150200"] = "0472", ["150300"] = "0473", ["150400"] = "0476", ["150500"] = "0475", ["150600"] = "0477",
        ["150700"] = "0470", ["150800"] = "0478", ["150900"] = "0474", ["152200"] = "0482", ["152500"] = "0479", ["152900"] = "0483",
    };

    /// <summary>Seven characters of the code's organisation part, derived from the name so that they never change.</summary>
    static string OrganisationSuffix(string seed)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(seed));
        return new string([.. hash.Take(7).Select(b => Enterprises.CreditCode.Charset[b % Enterprises.CreditCode.Charset.Length])]);
    }

    /// <summary>The first is the enterprise of the <c>enterprise-demo</c> login.</summary>
    public static IReadOnlyList<Demo> All { get; } =
    [
        new("150200", "150207", "北辰", "Beichen", CoalPower),
        new("150200", "150203", "青岚", "Qinglan", Steel),
        new("150200", "150221", "星河", "Xinghe", Aluminium),
        new("150200", "150222", "金穗", "Jinsui", Cement),
        new("150200", "150223", "朔方", "Shuofang", Ferroalloy),
        new("150100", "150122", "瀚海", "Hanhai", CoalPower),
        new("150100", "150121", "苍穹", "Cangqiong", Ammonia),
        new("150100", "150105", "远澜", "Yuanlan", Cement),
        new("150100", "150123", "松涛", "Songtao", CausticSoda),
        new("150100", "150124", "岚峰", "Lanfeng", Aluminium),
        new("150300", "150302", "银泽", "Yinze", CoalPower),
        new("150300", "150303", "启明", "Qiming", CalciumCarbide),
        new("150300", "150304", "恒岳", "Hengyue", CausticSoda),
        new("150300", "150303", "天衡", "Tianheng", Cement),
        new("150300", "150304", "泽远", "Zeyuan", Ferroalloy),
        new("150400", "150403", "辰光", "Chenguang", CoalPower),
        new("150400", "150402", "晨曦", "Chenxi", Cement),
        new("150400", "150404", "云杉", "Yunshan", Copper),
        new("150400", "150421", "白桦", "Baihua", Ammonia),
        new("150400", "150404", "长风", "Changfeng", Steel),
        new("150500", "150581", "沙棘", "Shaji", Aluminium),
        new("150500", "150581", "驼铃", "Tuoling", CoalPower),
        new("150500", "150502", "雁鸣", "Yanming", Cement),
        new("150500", "150502", "嘉禾", "Jiahe", Ammonia),
        new("150500", "150526", "鸿雁", "Hongyan", CalciumCarbide),
        new("150600", "150622", "阴山", "Yinshan", CoalPower),
        new("150600", "150624", "敕勒", "Chile", CalciumCarbide),
        new("150600", "150627", "青骢", "Qingcong", Ammonia),
        new("150600", "150624", "赛罕", "Saihan", CausticSoda),
        new("150600", "150621", "云帆", "Yunfan", CoalPower),
        new("150700", "150703", "霁月", "Jiyue", CoalPower),
        new("150700", "150702", "晴川", "Qingchuan", Cement),
        new("150700", "150721", "曜石", "Yaoshi", Ammonia),
        new("150700", "150783", "墨岩", "Moyan", Copper),
        new("150700", "150781", "铁骑", "Tieqi", CoalPower),
        new("150800", "150823", "烽燧", "Fengsui", Copper),
        new("150800", "150823", "岩松", "Yansong", CoalPower),
        new("150800", "150802", "瑞霖", "Ruilin", Cement),
        new("150800", "150825", "祥岭", "Xiangling", Ferroalloy),
        new("150800", "150822", "丰泽", "Fengze", CausticSoda),
        new("150900", "150902", "盛川", "Shengchuan", Ferroalloy),
        new("150900", "150981", "翰林", "Hanlin", CoalPower),
        new("150900", "150921", "锦屏", "Jinping", Cement),
        new("150900", "150926", "玉衡", "Yuheng", CalciumCarbide),
        new("150900", "150929", "琨瑜", "Kunyu", Steel),
        new("152200", "152201", "砺金", "Lijin", CoalPower),
        new("152200", "152221", "弘毅", "Hongyi", Cement),
        new("152200", "152222", "笃行", "Duxing", Ammonia),
        new("152200", "152201", "致远", "Zhiyuan", Steel),
        new("152200", "152223", "旷野", "Kuangye", CalciumCarbide),
        new("152500", "152502", "穹庐", "Qionglu", CoalPower),
        new("152500", "152525", "苍狼", "Canglang", CoalPower),
        new("152500", "152531", "碧泉", "Biquan", Aluminium),
        new("152500", "152501", "凌霄", "Lingxiao", Cement),
        new("152500", "152527", "鸣沙", "Mingsha", Ferroalloy),
        new("152900", "152921", "冬青", "Dongqing", CausticSoda),
        new("152900", "152921", "秋实", "Qiushi", CalciumCarbide),
        new("152900", "152921", "春晖", "Chunhui", CoalPower),
        new("152900", "152922", "夏蔚", "Xiawei", Cement),
        new("152900", "152923", "朝阳", "Zhaoyang", Copper),
    ];

    /// <summary>A power plant whose units were shut down during 2024: on the 2023 list, taken off the 2024 list.</summary>
    public static Demo ClosedPlant => All.Single(d => d.BrandEn == "Tieqi");
}
