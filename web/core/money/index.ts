export { currencyExponent, minorUnitsPerMajor, normalizeCurrencyCode } from './currency-exponent';
export { money, assertMinorUnits, type Money } from './money';
export { parseMoneyToMinor } from './parse-money';
export { formatMinorAsDecimal, minorToWholeMajorUnits, majorUnitsToMinor } from './format-money';
export { minorUnitsFromColumn } from './minor-units-column';
