export * from './price-list';
export * from './calendar';
export * from './monthly-bill';
export * from './bill-csv';
export * from './scale-usage';
