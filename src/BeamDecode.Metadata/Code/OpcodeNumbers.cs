namespace BeamDecode.Metadata.Code;

/// <summary>
/// Numbers of the generic opcodes the disassembler and the assembly writer treat specially (genop.tab; the full
/// table is <see cref="OpcodeTable"/>). Constants, so they can be switch labels.
/// </summary>
public static class OpcodeNumbers
{
    public const int Label = 1;
    public const int FuncInfo = 2;
    public const int IntCodeEnd = 3;
    public const int Call = 4;
    public const int CallLast = 5;
    public const int CallOnly = 6;
    public const int CallExt = 7;
    public const int CallExtLast = 8;
    public const int Bif0 = 9;
    public const int Bif1 = 10;
    public const int Bif2 = 11;
    public const int IsLt = 39;
    public const int TestArity = 58;
    public const int IsConstant = 54;
    public const int IsFunction = 77;
    public const int CallExtOnly = 78;
    public const int BsStartMatch = 79;
    public const int BsTestTail = 84;
    public const int BsPutInteger = 89;
    public const int BsPutBinary = 90;
    public const int BsPutFloat = 91;
    public const int BsPutString = 92;
    public const int FAdd = 98;
    public const int FSub = 99;
    public const int FMul = 100;
    public const int FDiv = 101;
    public const int FNegate = 102;
    public const int MakeFun2 = 103;
    public const int Raise = 108;
    public const int BsInit2 = 109;
    public const int BsAdd = 111;
    public const int IsBoolean = 114;
    public const int IsFunction2 = 115;
    public const int BsStartMatch2 = 116;
    public const int BsGetInteger2 = 117;
    public const int BsGetFloat2 = 118;
    public const int BsGetBinary2 = 119;
    public const int BsSkipBits2 = 120;
    public const int BsTestTail2 = 121;
    public const int GcBif1 = 124;
    public const int GcBif2 = 125;
    public const int IsBitstr = 129;
    public const int BsTestUnit = 131;
    public const int BsMatchString = 132;
    public const int BsAppend = 134;
    public const int BsPrivateAppend = 135;
    public const int BsInitBits = 137;
    public const int BsGetUtf8 = 138;
    public const int BsSkipUtf8 = 139;
    public const int BsGetUtf16 = 140;
    public const int BsSkipUtf16 = 141;
    public const int BsGetUtf32 = 142;
    public const int BsSkipUtf32 = 143;
    public const int BsPutUtf8 = 145;
    public const int BsPutUtf16 = 147;
    public const int BsPutUtf32 = 148;
    public const int OnLoad = 149;
    public const int GcBif3 = 152;
    public const int Line = 153;
    public const int IsMap = 156;
    public const int HasMapFields = 157;
    public const int IsTaggedTuple = 159;
    public const int BsStartMatch3 = 166;
    public const int MakeFun3 = 171;
    public const int BsCreateBin = 177;
    public const int CallFun2 = 178;
    public const int BsMatch = 182;
    public const int ExecutableLine = 183;
    public const int DebugLine = 184;
    public const int Bif3 = 185;
    public const int IsAnyNativeRecord = 186;
    public const int IsNativeRecord = 187;
    public const int IsRecordAccessible = 190;
}
