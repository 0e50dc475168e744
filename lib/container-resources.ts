import { Size } from 'cdk8s';
import { checkArgs, shape } from './_util/shape';

/**
 * An amount of CPU: `Cpu.millis(250)` is `250m`, `Cpu.units(1)` is `1`.
 *
 * cdk8s-plus' `Cpu` (of any version) has the same shape and is accepted too, so
 * `resources: { cpu: { request: kplus.Cpu.millis(250) } }` keeps working.
 */
export class Cpu {
  /**
   * Thousandths of a CPU core.
   * @param amount e.g. 250 for a quarter of a core
   */
  public static millis(amount: number): Cpu {
    checkArgs('Cpu.millis', { amount: [amount, shape.number({ min: 0, fix: 'pass a non-negative number of millicores, e.g. Cpu.millis(250)' })] });
    return new Cpu(`${amount}m`);
  }

  /**
   * Whole (or fractional) CPU cores.
   * @param amount e.g. 1 for one core, 0.5 for half of one
   */
  public static units(amount: number): Cpu {
    checkArgs('Cpu.units', { amount: [amount, shape.number({ min: 0, fix: 'pass a non-negative number of cores, e.g. Cpu.units(1)' })] });
    return new Cpu(`${amount}`);
  }

  private constructor(
    /** The quantity as Kubernetes writes it, e.g. `250m`. */
    public readonly amount: string,
  ) {}
}

/** CPU request and limit. */
export interface CpuResources {
  /**
   * What the scheduler reserves.
   * @default - no request
   */
  readonly request?: Cpu;
  /**
   * The most the container may use; it is throttled above it.
   * @default - no limit
   */
  readonly limit?: Cpu;
}

/** Memory request and limit, in whole mebibytes. */
export interface MemoryResources {
  /**
   * What the scheduler reserves.
   * @default - no request
   */
  readonly request?: Size;
  /**
   * The most the container may use; it is killed above it.
   * @default - no limit
   */
  readonly limit?: Size;
}

/** Ephemeral storage request and limit, in whole mebibytes. */
export interface EphemeralStorageResources {
  /**
   * What the scheduler reserves.
   * @default - no request
   */
  readonly request?: Size;
  /**
   * The most the pod may write to local storage; it is evicted above it.
   * @default - no limit
   */
  readonly limit?: Size;
}

/**
 * Resource requests and limits of a container. The same shape as cdk8s-plus'
 * `ContainerResources`, so a value built with any cdk8s-plus version fits, and this library
 * needs no cdk8s-plus at run time.
 */
export interface ContainerResources {
  /**
   * CPU request and limit.
   * @default - none
   */
  readonly cpu?: CpuResources;
  /**
   * Memory request and limit.
   * @default - none
   */
  readonly memory?: MemoryResources;
  /**
   * Ephemeral storage request and limit.
   * @default - none
   */
  readonly ephemeralStorage?: EphemeralStorageResources;
}
