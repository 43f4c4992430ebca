/**
 * Capacity calibration (SPEC §8): timing the built-in kernels on this machine, fitting service
 * time as a function of cost, caching the result per machine, and reporting it.
 *
 * <p>Start from {@link dev.helixrouter.workload.calibration.CalibrationCache#loadOrCalibrate}
 * with a {@link dev.helixrouter.workload.calibration.Calibrator}; the resulting
 * {@link dev.helixrouter.workload.calibration.ServiceModel} gives service times for the
 * virtual-time mode and the calibrated capacity λ* that scenario rates are multiples of.
 */
package dev.helixrouter.workload.calibration;
