/** A program whose top level registers resources (loaded by ProgramDriver.moduleProgram). */
import { Widget } from "./fixture";

new Widget("m", { name: "m", size: 7 }, process.env.HARNESS_SELFTEST_DIR!);
