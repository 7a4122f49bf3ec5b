/** An amount in the price list's currency, as the billing screens and banner show it. */
export const money = (n: number, currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency }).format(n);
